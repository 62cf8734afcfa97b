import {
	getFormProps,
	getInputProps,
	getSelectProps,
	getTextareaProps,
	useForm,
	type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { SubmitButton, validateForm } from '#app/auth/auth-ui.tsx'
import { HoneypotField } from '#app/auth/honeypot-field.tsx'
import { Field, FormAlert } from '#app/components/form/form-kit.tsx'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import {
	DEMAND_ERROR_VALUES,
	DEMAND_LIMITS,
	DemandFormSchema,
	FINANCING_OPTIONS,
	formatSpecLines,
	type DemandFormValue,
} from '#app/models/demand.schema.ts'
import type { OwnerDemand } from '#app/models/demand.server.ts'
import { CATEGORY_GROUPS, DEMAND_DOMAINS, listCategoriesInGroup } from '#app/models/taxonomy.ts'

/** The form's starting values: an existing demand (edit) or the new form's defaults. */
type FieldName =
	| 'categoryKey'
	| 'keySpecs'
	| 'quantity'
	| 'minEnergyGrade'
	| 'neededBy'
	| 'budgetMinWan'
	| 'budgetMaxWan'
	| 'financing'
	| 'preferInZone'
	| 'oldName'
	| 'oldModel'
	| 'oldInstalledYear'
	| 'oldQuantity'
	| 'oldEnergyGrade'
	| 'oldAnnualEnergyKwh'
	| 'title'
	| 'description'
	| 'domain'
	| 'expiresAt'
	| 'intent'
type FormShape = Record<FieldName, string>

function defaultsOf(demand: OwnerDemand | null, defaultExpiry: string): Partial<FormShape> {
	if (!demand) return { quantity: '1', financing: 'none', expiresAt: defaultExpiry }
	const wan = (yuan: number | null) => (yuan == null ? undefined : String(yuan / 10_000))
	const str = (v: number | string | null | undefined) => (v == null ? undefined : String(v))
	return {
		categoryKey: demand.categoryKey ?? undefined,
		keySpecs: formatSpecLines(demand.keySpecs),
		quantity: String(demand.quantity),
		minEnergyGrade: str(demand.minEnergyGrade),
		neededBy: demand.neededBy ?? undefined,
		budgetMinWan: wan(demand.budgetMin),
		budgetMaxWan: wan(demand.budgetMax),
		financing: demand.financing,
		preferInZone: demand.preferInZone ? 'on' : undefined,
		oldName: demand.old?.name ?? undefined,
		oldModel: demand.old?.model ?? undefined,
		oldInstalledYear: str(demand.old?.installedYear),
		oldQuantity: str(demand.old?.quantity),
		oldEnergyGrade: str(demand.old?.energyGrade),
		oldAnnualEnergyKwh: str(demand.old?.annualEnergyKwh),
		title: demand.title,
		description: demand.description,
		domain: demand.domain ?? undefined,
		expiresAt: demand.expiresAt ?? undefined,
	}
}

function Section({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
	return (
		<fieldset className="card p-5 sm:p-6">
			<legend className="float-left w-full text-lg font-semibold text-slate-900">{title}</legend>
			{intro ? <p className="clear-both pt-1 text-sm text-slate-600">{intro}</p> : null}
			<div className="clear-both grid gap-5 pt-4 sm:grid-cols-2">{children}</div>
		</fieldset>
	)
}

/**
 * The demand form of /demands/new and /demands/:id/edit. It asks for the specifics first — what,
 * how many, which specs and energy grade — because vague demands get poor matches; title and
 * description come after. Works without JavaScript (a plain POST); with it, conform validates
 * on blur with the server's own schema.
 */
export function DemandForm({
	demand,
	lastResult,
	defaultExpiry,
	cancelHref,
}: {
	demand: OwnerDemand | null
	lastResult: SubmissionResult<string[]> | null | undefined
	defaultExpiry: string
	cancelHref: string
}) {
	const { t } = useTranslation('demands')
	const locale = useAppLocale()
	const [form, fields] = useForm<FormShape, DemandFormValue>({
		id: demand ? `demand-edit-${demand.id}` : 'demand-new',
		lastResult,
		defaultValue: defaultsOf(demand, defaultExpiry),
		constraint: getZodConstraint(DemandFormSchema),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => validateForm(formData, DemandFormSchema),
	})
	const input = (f: (typeof fields)[keyof typeof fields], type: 'text' | 'number' | 'date', hint = false) => {
		const { key: _key, ...props } = getInputProps(f, { type, ariaDescribedBy: hint ? f.descriptionId : undefined })
		return props
	}
	const select = (f: (typeof fields)[keyof typeof fields], hint = false) => {
		const { key: _key, ...props } = getSelectProps(f, { ariaDescribedBy: hint ? f.descriptionId : undefined })
		return props
	}
	const textarea = (f: (typeof fields)[keyof typeof fields], hint = false) => {
		const { key: _key, ...props } = getTextareaProps(f, { ariaDescribedBy: hint ? f.descriptionId : undefined })
		return props
	}
	const { key: _k, ...preferProps } = getInputProps(fields.preferInZone, { type: 'checkbox' })
	const status = demand?.status ?? null
	const reopenable = status === 'closed' && demand?.closeReason === 'expired'
	const live = status === 'open' || status === 'matched'
	return (
		<Form method="post" {...getFormProps(form)} className="relative space-y-6">
			<HoneypotField label={t('form.honeypot')} />
			{form.errors?.length ? (
				<FormAlert ns="demands" values={DEMAND_ERROR_VALUES} className="mb-4" id={form.errorId} errors={form.errors} />
			) : null}

			<Section title={t('form.what')}>
				<Field
					ns="demands"
					values={DEMAND_ERROR_VALUES}
					meta={fields.categoryKey}
					label={t('form.categoryKey')}
					hint={t('form.categoryHint')}
				>
					<select key={fields.categoryKey.key} {...select(fields.categoryKey, true)} className="input">
						<option value="">{t('form.categoryAuto')}</option>
						{CATEGORY_GROUPS.map((g) => (
							<optgroup key={g.key} label={locale === 'en' ? g.en : g.zh}>
								{listCategoriesInGroup(g.key).map((c) => (
									<option key={c.key} value={c.key}>
										{locale === 'en' ? c.en : c.zh}
									</option>
								))}
							</optgroup>
						))}
					</select>
				</Field>
				<Field
					ns="demands"
					values={DEMAND_ERROR_VALUES}
					meta={fields.quantity}
					label={t('form.quantity')}
					mark="required"
				>
					<input
						key={fields.quantity.key}
						{...input(fields.quantity, 'number')}
						inputMode="numeric"
						className="input"
					/>
				</Field>
				<Field
					ns="demands"
					values={DEMAND_ERROR_VALUES}
					meta={fields.keySpecs}
					label={t('form.keySpecs')}
					hint={t('form.keySpecsHint')}
					className="sm:col-span-2"
				>
					<textarea
						key={fields.keySpecs.key}
						{...textarea(fields.keySpecs, true)}
						rows={4}
						placeholder={t('form.keySpecsPlaceholder')}
						className="input font-mono text-sm"
					/>
				</Field>
				<Field ns="demands" values={DEMAND_ERROR_VALUES} meta={fields.minEnergyGrade} label={t('form.minEnergyGrade')}>
					<select key={fields.minEnergyGrade.key} {...select(fields.minEnergyGrade)} className="input">
						<option value="">{t('form.gradeAny')}</option>
						<option value="1">{t('form.grade1')}</option>
						<option value="2">{t('form.grade', { grade: 2 })}</option>
						<option value="3">{t('form.grade', { grade: 3 })}</option>
					</select>
				</Field>
			</Section>

			<Section title={t('form.when')}>
				<Field ns="demands" values={DEMAND_ERROR_VALUES} meta={fields.neededBy} label={t('form.neededBy')}>
					<input key={fields.neededBy.key} {...input(fields.neededBy, 'date')} className="input" />
				</Field>
				<Field ns="demands" values={DEMAND_ERROR_VALUES} meta={fields.financing} label={t('form.financing')}>
					<select key={fields.financing.key} {...select(fields.financing)} className="input">
						{FINANCING_OPTIONS.map((f) => (
							<option key={f} value={f}>
								{t(`financing.${f}`)}
							</option>
						))}
					</select>
				</Field>
				<Field ns="demands" values={DEMAND_ERROR_VALUES} meta={fields.budgetMinWan} label={t('form.budgetMinWan')}>
					<input
						key={fields.budgetMinWan.key}
						{...input(fields.budgetMinWan, 'number')}
						step="0.01"
						inputMode="decimal"
						aria-describedby={`${fields.budgetMinWan.errorId} budget-hint`}
						className="input"
					/>
				</Field>
				<Field ns="demands" values={DEMAND_ERROR_VALUES} meta={fields.budgetMaxWan} label={t('form.budgetMaxWan')}>
					<input
						key={fields.budgetMaxWan.key}
						{...input(fields.budgetMaxWan, 'number')}
						step="0.01"
						inputMode="decimal"
						aria-describedby={`${fields.budgetMaxWan.errorId} budget-hint`}
						className="input"
					/>
				</Field>
				<p id="budget-hint" className="-mt-2 text-sm text-slate-600 sm:col-span-2">
					{t('form.budgetHint')}
				</p>
				<label className="flex items-center gap-2 font-medium text-slate-800 sm:col-span-2">
					<input key={fields.preferInZone.key} {...preferProps} className="size-4 accent-brand-700" />
					{t('form.preferInZone')}
				</label>
			</Section>

			<Section title={t('form.old')} intro={t('form.oldIntro')}>
				<Field ns="demands" values={DEMAND_ERROR_VALUES} meta={fields.oldName} label={t('form.oldName')}>
					<input
						key={fields.oldName.key}
						{...input(fields.oldName, 'text')}
						maxLength={DEMAND_LIMITS.oldName}
						className="input"
					/>
				</Field>
				<Field ns="demands" values={DEMAND_ERROR_VALUES} meta={fields.oldModel} label={t('form.oldModel')}>
					<input
						key={fields.oldModel.key}
						{...input(fields.oldModel, 'text')}
						maxLength={DEMAND_LIMITS.oldModel}
						className="input"
					/>
				</Field>
				<Field
					ns="demands"
					values={DEMAND_ERROR_VALUES}
					meta={fields.oldInstalledYear}
					label={t('form.oldInstalledYear')}
				>
					<input
						key={fields.oldInstalledYear.key}
						{...input(fields.oldInstalledYear, 'number')}
						inputMode="numeric"
						className="input"
					/>
				</Field>
				<Field ns="demands" values={DEMAND_ERROR_VALUES} meta={fields.oldQuantity} label={t('form.oldQuantity')}>
					<input
						key={fields.oldQuantity.key}
						{...input(fields.oldQuantity, 'number')}
						inputMode="numeric"
						className="input"
					/>
				</Field>
				<Field ns="demands" values={DEMAND_ERROR_VALUES} meta={fields.oldEnergyGrade} label={t('form.oldEnergyGrade')}>
					<input
						key={fields.oldEnergyGrade.key}
						{...input(fields.oldEnergyGrade, 'number')}
						inputMode="numeric"
						className="input"
					/>
				</Field>
				<Field
					ns="demands"
					values={DEMAND_ERROR_VALUES}
					meta={fields.oldAnnualEnergyKwh}
					label={t('form.oldAnnualEnergyKwh')}
				>
					<input
						key={fields.oldAnnualEnergyKwh.key}
						{...input(fields.oldAnnualEnergyKwh, 'number')}
						inputMode="numeric"
						className="input"
					/>
				</Field>
			</Section>

			<Section title={t('form.words')}>
				<Field
					ns="demands"
					values={DEMAND_ERROR_VALUES}
					meta={fields.title}
					label={t('form.title')}
					hint={t('form.titleHint')}
					mark="required"
					className="sm:col-span-2"
				>
					<input key={fields.title.key} {...input(fields.title, 'text', true)} className="input" />
				</Field>
				<Field ns="demands" values={DEMAND_ERROR_VALUES} meta={fields.domain} label={t('form.domain')} mark="required">
					<select key={fields.domain.key} {...select(fields.domain)} className="input">
						<option value="">{t('form.domainPlaceholder')}</option>
						{DEMAND_DOMAINS.map((d) => (
							<option key={d.key} value={d.key}>
								{locale === 'en' ? d.en : d.zh}
							</option>
						))}
					</select>
				</Field>
				<div className="hidden sm:block" />
				<Field
					ns="demands"
					values={DEMAND_ERROR_VALUES}
					meta={fields.description}
					label={t('form.description')}
					hint={t('form.descriptionHint')}
					mark="required"
					className="sm:col-span-2"
				>
					<textarea key={fields.description.key} {...textarea(fields.description, true)} rows={6} className="input" />
				</Field>
			</Section>

			<Section title={t('form.settings')}>
				<Field
					ns="demands"
					values={DEMAND_ERROR_VALUES}
					meta={fields.expiresAt}
					label={t('form.expiresAt')}
					hint={t('form.expiresHint')}
				>
					<input key={fields.expiresAt.key} {...input(fields.expiresAt, 'date', true)} className="input" />
				</Field>
			</Section>

			<div className="flex flex-wrap items-center gap-3">
				{status === null || status === 'draft' ? (
					<>
						<SubmitButton name="intent" value="publish" className="btn-primary">
							{status === null ? t('form.publish') : t('form.saveAndPublish')}
						</SubmitButton>
						<SubmitButton name="intent" value="draft" className="btn-secondary">
							{t('form.saveDraft')}
						</SubmitButton>
					</>
				) : null}
				{live ? (
					<SubmitButton name="intent" value="save" className="btn-primary">
						{t('form.save')}
					</SubmitButton>
				) : null}
				{reopenable ? (
					<>
						<SubmitButton name="intent" value="publish" className="btn-primary">
							{t('form.saveAndPublish')}
						</SubmitButton>
						<SubmitButton name="intent" value="save" className="btn-secondary">
							{t('form.save')}
						</SubmitButton>
					</>
				) : null}
				<Link to={cancelHref} className="link text-sm">
					{t('form.cancel')}
				</Link>
			</div>
		</Form>
	)
}

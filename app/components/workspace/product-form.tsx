import {
	getCollectionProps,
	getFormProps,
	getInputProps,
	getSelectProps,
	getTextareaProps,
	useForm,
	type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Field, FieldErrors, FormAlert, useHydrated } from '#app/components/form/form-kit.tsx'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { CATEGORIES, CATEGORY_GROUPS, categoryLabel, groupLabel } from '#app/models/taxonomy.ts'
import { MAX_SPEC_ROWS, ProductFormClientSchema, type ProductFormValues } from '#app/models/workspace-product.schema.ts'

/** The form's starting values: what is stored, as text, plus one empty spec row to type into. */
export type ProductFormDefaults = {
	name: string
	nameEn: string
	kind: string
	category: string
	model: string
	brand: string
	description: string
	specs: Array<{ key: string; value: string }>
	energyGrade: string
	priceMin: string
	priceMax: string
	leadTimeDays: string
	certifications: string
	tags: string
}

const text = (v: string | number | null | undefined) => (v == null ? '' : String(v))

export function toFormDefaults(p?: ProductFormValues): ProductFormDefaults {
	const specs = (p?.specs ?? []).map(([key, value]) => ({ key, value }))
	const blanks = p ? 1 : 3
	for (let i = 0; i < blanks && specs.length < MAX_SPEC_ROWS; i++) specs.push({ key: '', value: '' })
	return {
		name: text(p?.name),
		nameEn: text(p?.nameEn),
		kind: p?.kind ?? 'equipment',
		category: p?.category ?? '',
		model: text(p?.model),
		brand: text(p?.brand),
		description: text(p?.description),
		specs,
		energyGrade: text(p?.energyGrade),
		priceMin: text(p?.priceMin),
		priceMax: text(p?.priceMax),
		leadTimeDays: text(p?.leadTimeDays),
		certifications: (p?.certifications ?? []).join(', '),
		tags: (p?.tags ?? []).join(', '),
	}
}

function Section({ title, children }: { title: string; children: ReactNode }) {
	return (
		<fieldset className="card p-5 sm:p-6">
			<legend className="sr-only">{title}</legend>
			<h2 aria-hidden="true" className="text-lg font-semibold text-slate-900">
				{title}
			</h2>
			<div className="mt-4 grid gap-5 sm:grid-cols-2">{children}</div>
		</fieldset>
	)
}

/**
 * Create and edit share this form. It posts without JavaScript (the "add a row" button then
 * round-trips through the action, intent=addSpecRow); with JavaScript conform validates as you
 * type with the server's own schema and rows are added and removed in place.
 */
export function ProductForm({
	lastResult,
	defaultValue,
	submitLabel,
	disabled = false,
	notice,
	action,
}: {
	/** Where the form posts: without it a form posts to the current URL, query (flash) included. */
	action?: string
	lastResult?: SubmissionResult<string[]> | null
	defaultValue: ProductFormDefaults
	submitLabel: string
	disabled?: boolean
	notice?: ReactNode
}) {
	const { t } = useTranslation('workspace')
	const locale = useAppLocale()
	const hydrated = useHydrated()
	const [form, fields] = useForm({
		id: 'product',
		lastResult,
		defaultValue,
		constraint: getZodConstraint(ProductFormClientSchema),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ProductFormClientSchema }),
	})
	const specRows = fields.specs.getFieldList()
	const hasFieldErrors = Object.entries(form.allErrors).some(([name, e]) => name !== '' && e.length > 0)
	const input = (field: Parameters<typeof getInputProps>[0], hint = false) => {
		const { key: _key, ...props } = getInputProps(field, {
			type: 'text',
			ariaDescribedBy: hint ? field.descriptionId : undefined,
		})
		return props
	}
	const number = (field: Parameters<typeof getInputProps>[0], hint = false) => {
		const { key: _key, ...props } = getInputProps(field, {
			type: 'number',
			ariaDescribedBy: hint ? field.descriptionId : undefined,
		})
		return { ...props, min: 0, step: 1, inputMode: 'numeric' as const }
	}
	const { key: _selectKey, ...categoryProps } = getSelectProps(fields.category)
	const { key: _gradeKey, ...gradeProps } = getSelectProps(fields.energyGrade, {
		ariaDescribedBy: fields.energyGrade.descriptionId,
	})
	const { key: _descKey, ...descriptionProps } = getTextareaProps(fields.description, {
		ariaDescribedBy: fields.description.descriptionId,
	})

	return (
		<Form method="post" action={action} {...getFormProps(form)} className="space-y-6">
			{notice}
			<FormAlert ns="workspace" id={form.errorId} errors={form.errors} />
			{hasFieldErrors ? (
				<p role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800">
					{t('form.errorSummary')}
				</p>
			) : null}
			<fieldset disabled={disabled} className="space-y-6">
				<Section title={t('form.basics')}>
					<Field ns="workspace" meta={fields.name} label={t('form.name')} className="sm:col-span-2">
						<input {...input(fields.name)} autoComplete="off" className="input" />
					</Field>
					<Field ns="workspace" meta={fields.nameEn} label={t('form.nameEn')} mark="optional">
						<input {...input(fields.nameEn)} autoComplete="off" lang="en" className="input" />
					</Field>
					<div>
						<fieldset aria-describedby={fields.kind.errors ? fields.kind.errorId : undefined}>
							<legend className="mb-1.5 block text-sm font-medium text-slate-800">{t('form.kind')}</legend>
							<div className="flex gap-4 pt-1.5">
								{getCollectionProps(fields.kind, { type: 'radio', options: ['equipment', 'service'] }).map(
									({ key, ...props }) => (
										<label key={key} className="inline-flex items-center gap-2 text-slate-800">
											<input {...props} className="size-4 accent-brand-700" />
											{props.value === 'service' ? t('form.kindService') : t('form.kindEquipment')}
										</label>
									),
								)}
							</div>
						</fieldset>
						<FieldErrors ns="workspace" id={fields.kind.errorId} errors={fields.kind.errors} />
					</div>
					<Field ns="workspace" meta={fields.category} label={t('form.category')}>
						<select {...categoryProps} className="input">
							<option value="">{t('form.categoryPlaceholder')}</option>
							{CATEGORY_GROUPS.map((g) => (
								<optgroup key={g.key} label={groupLabel(g.key, locale)}>
									{CATEGORIES.filter((c) => c.group === g.key).map((c) => (
										<option key={c.key} value={c.key}>
											{categoryLabel(c.key, locale)}
										</option>
									))}
								</optgroup>
							))}
						</select>
					</Field>
					<Field
						ns="workspace"
						meta={fields.energyGrade}
						label={t('form.energyGrade')}
						hint={t('form.energyGradeHint')}
						mark="optional"
					>
						<select {...gradeProps} className="input">
							<option value="">{t('form.energyGradeNone')}</option>
							{[1, 2, 3].map((g) => (
								<option key={g} value={String(g)}>
									{t('form.energyGradeOption', { grade: g })}
								</option>
							))}
						</select>
					</Field>
					<Field ns="workspace" meta={fields.model} label={t('form.model')} mark="optional">
						<input {...input(fields.model)} autoComplete="off" className="input" />
					</Field>
					<Field ns="workspace" meta={fields.brand} label={t('form.brand')} mark="optional">
						<input {...input(fields.brand)} autoComplete="off" className="input" />
					</Field>
					<Field
						ns="workspace"
						meta={fields.description}
						label={t('form.description')}
						hint={t('form.descriptionHint')}
						mark="optional"
						className="sm:col-span-2"
					>
						<textarea {...descriptionProps} rows={6} className="input" />
					</Field>
				</Section>

				<fieldset className="card p-5 sm:p-6" aria-describedby="specs-hint">
					<legend className="sr-only">{t('form.specs.heading')}</legend>
					<h2 aria-hidden="true" className="text-lg font-semibold text-slate-900">
						{t('form.specs.heading')}
					</h2>
					<p id="specs-hint" className="mt-1 text-sm text-slate-600">
						{t('form.specs.hint')}
					</p>
					<FieldErrors ns="workspace" id={fields.specs.errorId} errors={fields.specs.errors} />
					<div className="mt-4 grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto] gap-x-3 gap-y-2">
						<p aria-hidden="true" className="text-sm font-medium text-slate-700">
							{t('form.specs.key')}
						</p>
						<p aria-hidden="true" className="text-sm font-medium text-slate-700">
							{t('form.specs.value')}
						</p>
						<span aria-hidden="true" />
						{specRows.map((row, i) => {
							const { key, value } = row.getFieldset()
							return (
								<div key={row.key} className="contents">
									<div>
										<input {...input(key)} aria-label={t('form.specs.rowKey', { n: i + 1 })} className="input" />
										<FieldErrors ns="workspace" id={key.errorId} errors={key.errors} />
									</div>
									<div>
										<input {...input(value)} aria-label={t('form.specs.rowValue', { n: i + 1 })} className="input" />
										<FieldErrors ns="workspace" id={value.errorId} errors={value.errors} />
									</div>
									<div>
										{hydrated ? (
											<button
												type="button"
												onClick={() => form.remove({ name: fields.specs.name, index: i })}
												className="btn-secondary px-3"
												aria-label={t('form.specs.removeRow', { n: i + 1 })}
											>
												<span aria-hidden="true">×</span>
											</button>
										) : null}
									</div>
								</div>
							)
						})}
					</div>
					{specRows.length < MAX_SPEC_ROWS ? (
						<button
							type="submit"
							name="intent"
							value="addSpecRow"
							formNoValidate
							onClick={(event) => {
								if (!hydrated) return
								// With JavaScript the row appears in place; without it the button posts the form back.
								event.preventDefault()
								form.insert({ name: fields.specs.name, defaultValue: { key: '', value: '' } })
							}}
							className="btn-secondary mt-4"
						>
							+ {t('form.specs.addRow')}
						</button>
					) : null}
				</fieldset>

				<Section title={t('form.commercial')}>
					<Field
						ns="workspace"
						meta={fields.priceMin}
						label={t('form.priceMin')}
						hint={t('form.priceHint')}
						mark="optional"
					>
						<input {...number(fields.priceMin, true)} className="input" />
					</Field>
					<Field ns="workspace" meta={fields.priceMax} label={t('form.priceMax')} mark="optional">
						<input {...number(fields.priceMax)} className="input" />
					</Field>
					<Field ns="workspace" meta={fields.leadTimeDays} label={t('form.leadTimeDays')} mark="optional">
						<input {...number(fields.leadTimeDays)} className="input" />
					</Field>
					<div className="hidden sm:block" />
					<Field
						ns="workspace"
						meta={fields.certifications}
						label={t('form.certifications')}
						hint={t('form.listHint')}
						mark="optional"
					>
						<input {...input(fields.certifications, true)} autoComplete="off" className="input" />
					</Field>
					<Field ns="workspace" meta={fields.tags} label={t('form.tags')} hint={t('form.listHint')} mark="optional">
						<input {...input(fields.tags, true)} autoComplete="off" className="input" />
					</Field>
				</Section>

				<div className="flex flex-wrap items-center gap-3">
					<button type="submit" name="intent" value="save" className="btn-primary">
						{submitLabel}
					</button>
				</div>
			</fieldset>
		</Form>
	)
}

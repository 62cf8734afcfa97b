import {
	getCollectionProps,
	getFormProps,
	getInputProps,
	getTextareaProps,
	useForm,
	type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Field, FieldErrors, FormAlert } from '#app/components/form/form-kit.tsx'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { LEASE_STRUCTURES, LEASING_LIMITS, ProgramInputSchema } from '#app/models/leasing.schema.ts'
import { CATEGORIES, CATEGORY_GROUPS, categoryLabel, groupLabel } from '#app/models/taxonomy.ts'

export type ProgramFormDefaults = {
	name?: string
	categories?: string[]
	amountMin?: string
	amountMax?: string
	termMonthsMin?: string
	termMonthsMax?: string
	rateMinPct?: string
	rateMaxPct?: string
	downPaymentMinPct?: string
	structures?: string[]
	serviceFeePct?: string
	depositPct?: string
	industries?: string
	description?: string
}

/** Create or edit a programme. `intent` is sent by the submit button when the page has several actions. */
export function ProgramForm({
	id,
	lastResult,
	defaultValue,
	submitLabel,
	intent,
}: {
	id: string
	lastResult?: SubmissionResult<string[]> | null
	defaultValue?: ProgramFormDefaults
	submitLabel: string
	intent?: string
}) {
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	const [form, fields] = useForm({
		id,
		lastResult,
		defaultValue,
		constraint: getZodConstraint(ProgramInputSchema),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => {
			// The browser checks the fields with the server's schema, without the submit button's intent.
			formData.delete('intent')
			return parseWithZod(formData, { schema: ProgramInputSchema })
		},
	})
	const text = (field: Parameters<typeof getInputProps>[0], hint = false) => {
		const { key: _key, ...props } = getInputProps(field, {
			type: 'text',
			ariaDescribedBy: hint ? field.descriptionId : undefined,
		})
		return props
	}
	const { key: _dKey, ...descriptionProps } = getTextareaProps(fields.description)
	const categoryOptions = CATEGORIES.map((c) => c.key as string)
	const categoryInputs = getCollectionProps(fields.categories, { type: 'checkbox', options: categoryOptions })
	const structureInputs = getCollectionProps(fields.structures, { type: 'checkbox', options: [...LEASE_STRUCTURES] })
	return (
		<Form method="post" {...getFormProps(form)} className="space-y-6">
			<FormAlert ns="leasing" className="mb-5" id={form.errorId} errors={form.errors} />
			<Field ns="leasing" className="min-w-0" meta={fields.name} label={t('programForm.name')}>
				<input key={fields.name.key} {...text(fields.name)} maxLength={LEASING_LIMITS.name} className="input" />
			</Field>

			<fieldset aria-describedby={fields.categories.errors?.length ? fields.categories.errorId : undefined}>
				<legend className="mb-2 block text-sm font-medium text-slate-800">{t('programForm.categories')}</legend>
				<div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
					{CATEGORY_GROUPS.map((g) => (
						<div key={g.key}>
							<p className="mb-1 text-sm font-semibold text-slate-700">{groupLabel(g.key, locale)}</p>
							<ul className="space-y-1">
								{categoryInputs
									.filter((input) => CATEGORIES.find((c) => c.key === input.value)?.group === g.key)
									.map(({ key, ...props }) => (
										<li key={key}>
											<label className="flex items-start gap-2 text-sm text-slate-800">
												<input {...props} className="mt-0.5 size-4 shrink-0 accent-brand-700" />
												{categoryLabel(props.value, locale)}
											</label>
										</li>
									))}
							</ul>
						</div>
					))}
				</div>
				<FieldErrors ns="leasing" id={fields.categories.errorId} errors={fields.categories.errors} />
			</fieldset>

			<div className="grid gap-5 sm:grid-cols-2">
				<Field ns="leasing" className="min-w-0" meta={fields.amountMin} label={t('programForm.amountMin')}>
					<input key={fields.amountMin.key} {...text(fields.amountMin)} inputMode="numeric" className="input" />
				</Field>
				<Field ns="leasing" className="min-w-0" meta={fields.amountMax} label={t('programForm.amountMax')}>
					<input key={fields.amountMax.key} {...text(fields.amountMax)} inputMode="numeric" className="input" />
				</Field>
				<Field ns="leasing" className="min-w-0" meta={fields.termMonthsMin} label={t('programForm.termMonthsMin')}>
					<input key={fields.termMonthsMin.key} {...text(fields.termMonthsMin)} inputMode="numeric" className="input" />
				</Field>
				<Field ns="leasing" className="min-w-0" meta={fields.termMonthsMax} label={t('programForm.termMonthsMax')}>
					<input key={fields.termMonthsMax.key} {...text(fields.termMonthsMax)} inputMode="numeric" className="input" />
				</Field>
				<Field ns="leasing" className="min-w-0" meta={fields.rateMinPct} label={t('programForm.rateMinPct')}>
					<input key={fields.rateMinPct.key} {...text(fields.rateMinPct)} inputMode="decimal" className="input" />
				</Field>
				<Field ns="leasing" className="min-w-0" meta={fields.rateMaxPct} label={t('programForm.rateMaxPct')}>
					<input key={fields.rateMaxPct.key} {...text(fields.rateMaxPct)} inputMode="decimal" className="input" />
				</Field>
				<Field
					ns="leasing"
					className="min-w-0"
					meta={fields.downPaymentMinPct}
					label={t('programForm.downPaymentMinPct')}
					mark="optional"
				>
					<input
						key={fields.downPaymentMinPct.key}
						{...text(fields.downPaymentMinPct)}
						inputMode="decimal"
						className="input"
					/>
				</Field>
				<Field
					ns="leasing"
					className="min-w-0"
					meta={fields.serviceFeePct}
					label={t('programForm.serviceFeePct')}
					mark="optional"
				>
					<input key={fields.serviceFeePct.key} {...text(fields.serviceFeePct)} inputMode="decimal" className="input" />
				</Field>
				<Field
					ns="leasing"
					className="min-w-0"
					meta={fields.depositPct}
					label={t('programForm.depositPct')}
					mark="optional"
				>
					<input key={fields.depositPct.key} {...text(fields.depositPct)} inputMode="decimal" className="input" />
				</Field>
			</div>

			<fieldset aria-describedby={fields.structures.errors?.length ? fields.structures.errorId : undefined}>
				<legend className="mb-2 block text-sm font-medium text-slate-800">{t('programForm.structures')}</legend>
				<div className="flex flex-wrap gap-3">
					{structureInputs.map(({ key, ...props }) => (
						<label
							key={key}
							className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
						>
							<input {...props} className="size-4 accent-brand-700" />
							{t(`structure.${props.value}`)}
						</label>
					))}
				</div>
				<FieldErrors ns="leasing" id={fields.structures.errorId} errors={fields.structures.errors} />
			</fieldset>

			<Field
				ns="leasing"
				className="min-w-0"
				meta={fields.industries}
				label={t('programForm.industries')}
				hint={t('programForm.industriesHint')}
				mark="optional"
			>
				<input key={fields.industries.key} {...text(fields.industries, true)} className="input" />
			</Field>
			<Field
				ns="leasing"
				className="min-w-0"
				meta={fields.description}
				label={t('programForm.description')}
				mark="optional"
			>
				<textarea
					key={fields.description.key}
					{...descriptionProps}
					rows={5}
					maxLength={LEASING_LIMITS.description}
					className="input"
				/>
			</Field>
			<button
				type="submit"
				name={intent ? 'intent' : undefined}
				value={intent}
				className="btn-primary w-full sm:w-auto"
			>
				{submitLabel}
			</button>
		</Form>
	)
}

import {
	getFormProps,
	getInputProps,
	getSelectProps,
	getTextareaProps,
	useForm,
	type Submission,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams, type MetaFunction } from '@remix-run/react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { parseForm } from '#app/auth/form.server.ts'
import { requireOrgUser, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { linkMeta } from '#app/auth/request.server.ts'
import { Field, FormAlert, Notice } from '#app/components/form/form-kit.tsx'
import { FitReasons } from '#app/components/leasing/fit-reasons.tsx'
import { fenToInput, formatFen, formatRate, formatYuan, rateToInput } from '#app/components/leasing/format.ts'
import { ScheduleOneOffs, ScheduleSummary, ScheduleTable } from '#app/components/leasing/schedule-table.tsx'
import { OfferStatusBadge } from '#app/components/leasing/status-badge.tsx'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { buildLeaseSchedule, type LeaseSchedule } from '#app/leasing/schedule.ts'
import {
	LEASE_STRUCTURES,
	LEASING_LIMITS,
	OfferActionSchema,
	PAYMENT_FREQUENCIES,
	PAYMENT_TIMINGS,
	REPAYMENT_METHODS,
	offerTerms,
} from '#app/models/leasing.schema.ts'
import {
	chinaToday,
	createOffer,
	getDemandForLessor,
	previewOffer,
	withdrawOffer,
	type LessorDemandDetail,
} from '#app/models/leasing.server.ts'
import { DEMAND_DOMAINS, categoryLabel } from '#app/models/taxonomy.ts'

export const handle = { i18n: ['leasing'] }

function parseId(raw: string | undefined): number | null {
	if (!raw || !/^[1-9][0-9]{0,14}$/.test(raw)) return null
	const id = Number(raw)
	return Number.isSafeInteger(id) ? id : null
}

function notFound(): Response {
	return new Response(null, { status: 404, statusText: 'Not Found' })
}

function addDays(iso: string, days: number): string {
	return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireOrgUser(request, context, { role: 'lessor', verified: true })
	const demandId = parseId(params.demandId)
	if (demandId == null) throw notFound()
	const today = chinaToday()
	const detail = await getDemandForLessor(context.db, user.organizationId, demandId, { today })
	if (!detail) throw notFound()
	return { detail, today }
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
	const t = getFixedT(localeFromMatches(matches), 'leasing')
	return [{ title: t('meta.lessorDemand', { title: loaderData?.detail.demand.title ?? '' }) }]
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const user = await requireOrgUser(request, context, { role: 'lessor', verified: true })
	const demandId = parseId(params.demandId)
	if (demandId == null) throw notFound()
	const submission = parseForm(await request.formData(), OfferActionSchema)
	if (submission.status !== 'success') return data({ result: submission.reply(), preview: null }, { status: 400 })
	const value = submission.value
	const actor = { ...linkMeta(request, context), userId: user.id, orgId: user.organizationId }
	if (value.intent === 'withdraw') {
		const result = await withdrawOffer(context.db, actor, value.offerId)
		if (!result.ok) {
			if (result.kind === 'notFound') throw notFound()
			return data(
				{ result: submission.reply({ formErrors: [result.message] }), preview: null },
				{ status: result.status },
			)
		}
		return redirect(`/workspace/leasing/demands/${demandId}?done=withdrawn`)
	}
	const { intent, ...input } = value
	const result =
		intent === 'preview'
			? await previewOffer(context.db, user.organizationId, demandId, input)
			: await createOffer(context.db, actor, demandId, input)
	if (!result) throw notFound()
	if (!result.ok) {
		if (result.kind === 'notFound') throw notFound()
		const reply = result.field
			? submission.reply({ fieldErrors: { [result.field]: [result.message] } })
			: submission.reply({ formErrors: [result.message] })
		return data({ result: reply, preview: null }, { status: result.status })
	}
	if ('schedule' in result) return { result: submission.reply(), preview: result.schedule }
	return redirect(`/workspace/leasing/demands/${demandId}?done=sent#my-offers`)
}

/** The offer form's fields as the browser holds them. */
type OfferFormShape = {
	intent: string
	programId: string
	equipmentPrice: string
	downPayment: string
	termMonths: string
	annualRatePct: string
	deposit: string
	serviceFee: string
	residual: string
	structure: string
	frequency: string
	method: string
	timing: string
	validUntil: string
	note: string
}

function offerDefaults(detail: LessorDemandDetail, today: string): Omit<OfferFormShape, 'intent'> {
	const best = detail.programs.find((p) => p.fit.fits) ?? detail.programs[0]
	const program = best?.program
	const price = detail.suggestedPriceFen
	const down = price && program?.downPaymentMin ? Math.round(price * program.downPaymentMin) : 0
	const financed = price ? price - down : 0
	return {
		programId: program ? String(program.id) : '',
		equipmentPrice: fenToInput(price),
		downPayment: fenToInput(down),
		termMonths: best ? String(best.fit.termMonths) : '36',
		annualRatePct: rateToInput(program?.rateMin ?? program?.rateMax ?? null),
		deposit: program?.depositPct && financed ? fenToInput(Math.round(financed * program.depositPct)) : '',
		serviceFee: program?.serviceFeePct && financed ? fenToInput(Math.round(financed * program.serviceFeePct)) : '',
		residual: '',
		structure: program?.structures[0] ?? 'direct',
		frequency: 'monthly',
		method: 'annuity',
		timing: 'arrears',
		validUntil: addDays(today, 30),
		note: '',
	}
}

function DemandFacts({ detail }: { detail: LessorDemandDetail }) {
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	const { demand } = detail
	const domain = DEMAND_DOMAINS.find((d) => d.key === demand.domain)
	return (
		<dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
			<div>
				<dt className="text-slate-600">{t('demand.category')}</dt>
				<dd className="text-slate-900">
					{!demand.categoryKey
						? '—'
						: demand.categoryInferred
							? t('demand.inferredCategory', { category: categoryLabel(demand.categoryKey, locale) })
							: categoryLabel(demand.categoryKey, locale)}
				</dd>
			</div>
			<div>
				<dt className="text-slate-600">{t('demand.domain')}</dt>
				<dd className="text-slate-900">{domain ? (locale === 'en' ? domain.en : domain.zh) : '—'}</dd>
			</div>
			<div>
				<dt className="text-slate-600">{t('demand.quantity')}</dt>
				<dd className="text-slate-900">{t('demand.quantityValue', { count: demand.quantity })}</dd>
			</div>
			<div>
				<dt className="text-slate-600">{t('demand.neededBy')}</dt>
				<dd className="text-slate-900">{demand.neededBy ?? '—'}</dd>
			</div>
		</dl>
	)
}

function PrivatePanel({ detail }: { detail: LessorDemandDetail }) {
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	const p = detail.private
	if (!p) {
		return (
			<section className="card border-dashed p-5 text-sm text-slate-700" aria-labelledby="private-heading">
				<h2 id="private-heading" className="text-base font-semibold text-slate-900">
					{t('lessorDemand.privateHeading')}
				</h2>
				<p className="mt-2">{t('lessorDemand.privateLocked')}</p>
			</section>
		)
	}
	const budget =
		p.budgetMin != null && p.budgetMax != null
			? `${formatYuan(locale, p.budgetMin)} – ${formatYuan(locale, p.budgetMax)}`
			: p.budgetMax != null
				? formatYuan(locale, p.budgetMax)
				: p.budgetMin != null
					? formatYuan(locale, p.budgetMin)
					: '—'
	const rows: Array<[string, string]> = [
		[t('lessorDemand.enterprise'), locale === 'en' && p.orgNameEn ? p.orgNameEn : p.orgName],
		[t('lessorDemand.budget'), budget],
		[t('lessorDemand.wonQuote'), p.wonQuoteTotal != null ? formatYuan(locale, p.wonQuoteTotal) : '—'],
		[t('lessorDemand.contactPerson'), p.contactPerson ?? '—'],
		[t('lessorDemand.contactPhone'), p.contactPhone ?? '—'],
		[t('lessorDemand.contactEmail'), p.contactEmail ?? '—'],
	]
	return (
		<section className="card border-amber-300 bg-amber-50/40 p-5" aria-labelledby="private-heading">
			<h2 id="private-heading" className="text-base font-semibold text-slate-900">
				{t('lessorDemand.privateHeading')}
			</h2>
			<p className="mt-1 text-sm text-slate-600">{t('lessorDemand.privateShared')}</p>
			<dl className="mt-3 text-sm">
				{rows.map(([label, value]) => (
					<div
						key={label}
						className="flex flex-wrap justify-between gap-x-3 border-b border-amber-100 py-1.5 last:border-b-0"
					>
						<dt className="text-slate-600">{label}</dt>
						<dd className="break-anywhere font-medium text-slate-900">{value}</dd>
					</div>
				))}
			</dl>
		</section>
	)
}

function SchedulePreview({ schedule, live }: { schedule: LeaseSchedule; live: boolean }) {
	const { t } = useTranslation('leasing')
	return (
		<section id="preview" aria-labelledby="preview-heading" className="card mt-5 p-5 sm:p-6" aria-live="polite">
			<h2 id="preview-heading" className="text-lg font-semibold text-slate-900">
				{t('offerForm.previewHeading')}
			</h2>
			<p className="mt-1 text-sm text-slate-600">{live ? t('offerForm.previewLive') : t('offerForm.previewLead')}</p>
			<div className="mt-4">
				<ScheduleSummary schedule={schedule} />
			</div>
			<div className="mt-4">
				<ScheduleOneOffs schedule={schedule} />
			</div>
			<div className="mt-4">
				<ScheduleTable schedule={schedule} caption={t('offerForm.previewHeading')} />
			</div>
		</section>
	)
}

function OfferForm({ detail, today }: { detail: LessorDemandDetail; today: string }) {
	const { t } = useTranslation('leasing')
	const actionData = useActionData<typeof action>()
	const [live, setLive] = useState<LeaseSchedule | null>(null)
	const [form, fields] = useForm<OfferFormShape>({
		id: 'lease-offer',
		lastResult: actionData?.result,
		defaultValue: offerDefaults(detail, today),
		constraint: getZodConstraint(OfferActionSchema),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		// The fields are typed as the browser holds them (text); the schema's parsed values are richer.
		onValidate: ({ formData }) =>
			parseWithZod(formData, { schema: OfferActionSchema }) as unknown as Submission<OfferFormShape>,
	})
	// With JavaScript the schedule follows the fields as they are typed; without it, the preview
	// button asks the server for the same table.
	function onChange(event: FormEvent<HTMLFormElement>) {
		const formData = new FormData(event.currentTarget)
		formData.set('intent', 'preview')
		const parsed = parseWithZod(formData, { schema: OfferActionSchema })
		if (parsed.status !== 'success' || parsed.value.intent !== 'preview') return setLive(null)
		const { intent: _intent, ...input } = parsed.value
		const built = buildLeaseSchedule(offerTerms(input, today))
		setLive(built.ok ? built.schedule : null)
	}
	const text = (field: Parameters<typeof getInputProps>[0], hint = false) => {
		const { key: _key, ...props } = getInputProps(field, {
			type: 'text',
			ariaDescribedBy: hint ? field.descriptionId : undefined,
		})
		return props
	}
	const select = (field: Parameters<typeof getSelectProps>[0]) => {
		const { key: _key, ...props } = getSelectProps(field)
		return props
	}
	const { key: _noteKey, ...noteProps } = getTextareaProps(fields.note)
	const { key: _dateKey, ...dateProps } = getInputProps(fields.validUntil, { type: 'date' })
	const preview = live ?? actionData?.preview ?? null
	return (
		<>
			<section aria-labelledby="offer-form-heading" className="card mt-5 p-5 sm:p-6">
				<h2 id="offer-form-heading" className="text-lg font-semibold text-slate-900">
					{t('offerForm.heading')}
				</h2>
				<p className="mt-1 text-sm text-slate-600">{t('offerForm.lead')}</p>
				<Form method="post" {...getFormProps(form)} onChange={onChange} className="mt-5 space-y-5">
					<FormAlert ns="leasing" className="mb-5" id={form.errorId} errors={form.errors} />
					<Field
						ns="leasing"
						className="min-w-0"
						meta={fields.programId}
						label={t('offerForm.program')}
						mark="optional"
					>
						<select key={fields.programId.key} {...select(fields.programId)} className="input">
							<option value="">{t('offerForm.noProgram')}</option>
							{detail.programs.map(({ program }) => (
								<option key={program.id} value={program.id}>
									{program.name}
								</option>
							))}
						</select>
					</Field>
					<div className="grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
						<Field ns="leasing" className="min-w-0" meta={fields.structure} label={t('offer.structure')}>
							<select key={fields.structure.key} {...select(fields.structure)} className="input">
								{LEASE_STRUCTURES.map((s) => (
									<option key={s} value={s}>
										{t(`structure.${s}`)}
									</option>
								))}
							</select>
						</Field>
						<Field
							ns="leasing"
							className="min-w-0"
							meta={fields.equipmentPrice}
							label={t('offerForm.equipmentPrice')}
							hint={t('offerForm.equipmentPriceHint')}
						>
							<input
								key={fields.equipmentPrice.key}
								{...text(fields.equipmentPrice, true)}
								inputMode="decimal"
								className="input"
							/>
						</Field>
						<Field
							ns="leasing"
							className="min-w-0"
							meta={fields.downPayment}
							label={t('offer.downPayment')}
							hint={t('offerForm.downPaymentHint')}
							mark="optional"
						>
							<input
								key={fields.downPayment.key}
								{...text(fields.downPayment, true)}
								inputMode="decimal"
								className="input"
							/>
						</Field>
						<Field
							ns="leasing"
							className="min-w-0"
							meta={fields.termMonths}
							label={t('offer.termMonths')}
							hint={t('offerForm.termHint')}
						>
							<input
								key={fields.termMonths.key}
								{...text(fields.termMonths, true)}
								inputMode="numeric"
								className="input"
							/>
						</Field>
						<Field
							ns="leasing"
							className="min-w-0"
							meta={fields.annualRatePct}
							label={t('offerForm.annualRatePct')}
							hint={t('offerForm.rateHint')}
						>
							<input
								key={fields.annualRatePct.key}
								{...text(fields.annualRatePct, true)}
								inputMode="decimal"
								className="input"
							/>
						</Field>
						<Field
							ns="leasing"
							className="min-w-0"
							meta={fields.deposit}
							label={t('offer.deposit')}
							hint={t('offerForm.depositHint')}
							mark="optional"
						>
							<input key={fields.deposit.key} {...text(fields.deposit, true)} inputMode="decimal" className="input" />
						</Field>
						<Field
							ns="leasing"
							className="min-w-0"
							meta={fields.serviceFee}
							label={t('offer.serviceFee')}
							mark="optional"
						>
							<input key={fields.serviceFee.key} {...text(fields.serviceFee)} inputMode="decimal" className="input" />
						</Field>
						<Field
							ns="leasing"
							className="min-w-0"
							meta={fields.residual}
							label={t('offer.residual')}
							hint={t('offerForm.residualHint')}
							mark="optional"
						>
							<input key={fields.residual.key} {...text(fields.residual, true)} inputMode="decimal" className="input" />
						</Field>
						<Field ns="leasing" className="min-w-0" meta={fields.frequency} label={t('offer.frequency')}>
							<select key={fields.frequency.key} {...select(fields.frequency)} className="input">
								{PAYMENT_FREQUENCIES.map((f) => (
									<option key={f} value={f}>
										{t(`frequency.${f}`)}
									</option>
								))}
							</select>
						</Field>
						<Field ns="leasing" className="min-w-0" meta={fields.method} label={t('offer.method')}>
							<select key={fields.method.key} {...select(fields.method)} className="input">
								{REPAYMENT_METHODS.map((m) => (
									<option key={m} value={m}>
										{t(`method.${m}`)}
									</option>
								))}
							</select>
						</Field>
						<Field ns="leasing" className="min-w-0" meta={fields.timing} label={t('offer.timing')}>
							<select key={fields.timing.key} {...select(fields.timing)} className="input">
								{PAYMENT_TIMINGS.map((m) => (
									<option key={m} value={m}>
										{t(`timing.${m}`)}
									</option>
								))}
							</select>
						</Field>
						<Field ns="leasing" className="min-w-0" meta={fields.validUntil} label={t('offer.validUntil')}>
							<input key={fields.validUntil.key} {...dateProps} min={today} className="input" />
						</Field>
					</div>
					<Field ns="leasing" className="min-w-0" meta={fields.note} label={t('offer.note')} mark="optional">
						<textarea key={fields.note.key} {...noteProps} rows={3} maxLength={LEASING_LIMITS.note} className="input" />
					</Field>
					<p className="text-sm text-slate-600">{t('offerForm.startNote', { date: today })}</p>
					<div className="flex flex-wrap gap-3">
						<button type="submit" name="intent" value="preview" className="btn-secondary">
							{t('offerForm.preview')}
						</button>
						<button type="submit" name="intent" value="send" className="btn-primary">
							{t('offerForm.send')}
						</button>
					</div>
				</Form>
			</section>
			{preview ? (
				<SchedulePreview schedule={preview} live={live !== null} />
			) : (
				<p className="mt-3 text-sm text-slate-600">{t('offerForm.previewHint')}</p>
			)}
		</>
	)
}

export default function LessorDemandPage() {
	const { detail, today } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	const done = searchParams.get('done')
	const { demand } = detail
	return (
		<div className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
			<p className="text-sm">
				<Link to="/workspace/leasing" className="link">
					{t('workspace.back')}
				</Link>
			</p>
			{done === 'sent' || done === 'withdrawn' ? (
				<div className="mt-4">
					<Notice className="mb-5">{t(`lessorDemand.done.${done}`)}</Notice>
				</div>
			) : null}
			<div className="mt-3 grid gap-5 lg:grid-cols-[minmax(0,1fr)_20rem]">
				<div className="min-w-0">
					<header className="card p-5 sm:p-6">
						<div className="flex flex-wrap items-center gap-2">
							{detail.requested ? (
								<span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-sm font-medium text-amber-900">
									{t('workspace.requested')}
								</span>
							) : null}
							<span className="chip">{t(`demandStatus.${demand.status}`)}</span>
						</div>
						<h1 className="break-anywhere mt-2 text-2xl font-bold text-slate-900">{demand.title}</h1>
						<div className="mt-4">
							<DemandFacts detail={detail} />
						</div>
						<p className="mt-4 text-sm leading-relaxed whitespace-pre-line text-slate-800">{demand.description}</p>
					</header>

					{detail.programs.length > 0 ? (
						<section className="card mt-5 p-5 sm:p-6" aria-labelledby="fit-heading">
							<h2 id="fit-heading" className="text-lg font-semibold text-slate-900">
								{t('lessorDemand.fitHeading')}
							</h2>
							<ul className="mt-3 space-y-4">
								{detail.programs.map(({ program, fit }) => (
									<li key={program.id}>
										<p className="font-medium text-slate-900">
											{program.name}{' '}
											<span className="text-sm font-normal text-slate-600">
												{fit.fits
													? t('workspace.score', { score: Math.round(fit.score * 100) })
													: t('lessorDemand.notFit')}
											</span>
										</p>
										<div className="mt-1">
											<FitReasons reasons={fit.reasons} />
										</div>
									</li>
								))}
							</ul>
						</section>
					) : null}
				</div>

				<aside className="space-y-5">
					<PrivatePanel detail={detail} />
					<section id="my-offers" className="card p-5" aria-labelledby="my-offers-heading">
						<h2 id="my-offers-heading" className="text-base font-semibold text-slate-900">
							{t('lessorDemand.myOffers')}
						</h2>
						{actionData && !detail.canOffer ? (
							<FormAlert ns="leasing" className="mb-5" errors={actionData.result.error?.[''] ?? null} />
						) : null}
						{detail.offers.length === 0 ? (
							<p className="mt-2 text-sm text-slate-600">{t('lessorDemand.noOffers')}</p>
						) : (
							<ul className="mt-3 space-y-3">
								{detail.offers.map((offer) => (
									<li key={offer.id} className="border-b border-slate-100 pb-3 text-sm last:border-b-0">
										<div className="flex flex-wrap items-center justify-between gap-2">
											<span className="font-medium">{t('offer.number', { id: offer.id })}</span>
											<OfferStatusBadge status={offer.status} />
										</div>
										<p className="mt-1 text-slate-700">
											{formatFen(locale, offer.amountFen)} · {t('offer.termValue', { count: offer.termMonths })} ·{' '}
											{formatRate(offer.annualRate)}
										</p>
										<p className="text-slate-600">
											{t('lessorDemand.effectiveRateValue', { value: formatRate(offer.rates?.effectiveAnnualRate) })}
										</p>
										{offer.declinedAutomatically ? (
											<p className="mt-1 text-red-800">{t('offer.autoDeclined')}</p>
										) : offer.declineReason ? (
											<p className="mt-1 text-red-800">
												{t('offer.declineReasonValue', { reason: offer.declineReason })}
											</p>
										) : null}
										<details className="mt-2">
											<summary className="cursor-pointer font-medium text-brand-700">
												{t('enterprise.showSchedule', { count: offer.schedule.periods })}
											</summary>
											<div className="mt-2">
												<ScheduleTable
													schedule={offer.schedule}
													caption={t('enterprise.scheduleOf', { id: offer.id })}
												/>
											</div>
										</details>
										{offer.status === 'sent' ? (
											<Form method="post" className="mt-2">
												<input type="hidden" name="offerId" value={offer.id} />
												<button
													type="submit"
													name="intent"
													value="withdraw"
													className="btn-secondary px-3 py-1 text-sm"
												>
													{t('lessorDemand.withdraw')}
												</button>
											</Form>
										) : null}
									</li>
								))}
							</ul>
						)}
					</section>
				</aside>
			</div>
			{detail.canOffer ? (
				<OfferForm detail={detail} today={today} />
			) : (
				<div className="mt-5">
					<Notice className="mb-5" tone="info">
						{t(detail.blockedReason ?? 'errors.demandNotOpen')}
					</Notice>
				</div>
			)}
		</div>
	)
}

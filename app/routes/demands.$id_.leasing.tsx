import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { parseForm } from '#app/auth/form.server.ts'
import { requireOrgUser, requireSameOrigin, requireUser } from '#app/auth/permissions.server.ts'
import { linkMeta } from '#app/auth/request.server.ts'
import { FieldErrors, FormAlert, Notice } from '#app/components/form/form-kit.tsx'
import { ComparisonTable } from '#app/components/leasing/comparison-table.tsx'
import { formatFen, formatRate, formatYuan } from '#app/components/leasing/format.ts'
import { orgLabel, useProgramFigures, type ProgramView } from '#app/components/leasing/program-facts.tsx'
import { ScheduleOneOffs, ScheduleSummary, ScheduleTable } from '#app/components/leasing/schedule-table.tsx'
import { OfferStatusBadge } from '#app/components/leasing/status-badge.tsx'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { EnterpriseLeasingActionSchema, LEASING_LIMITS } from '#app/models/leasing.schema.ts'
import {
	acceptOffer,
	declineOffer,
	getEnterpriseLeasingView,
	requestOffer,
	type LeaseOffer,
} from '#app/models/leasing.server.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'

export const handle = { i18n: ['leasing'] }

function parseId(raw: string | undefined): number | null {
	if (!raw || !/^[1-9][0-9]{0,14}$/.test(raw)) return null
	const id = Number(raw)
	return Number.isSafeInteger(id) ? id : null
}

function notFound(): Response {
	return new Response(null, { status: 404, statusText: 'Not Found' })
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const id = parseId(params.id)
	if (id == null) throw notFound()
	// Admins read any demand's offers; everyone else only their own organization's demands.
	const orgId = user.isAdmin ? user.organizationId : (await requireOrgUser(request, context)).organizationId
	const view = await getEnterpriseLeasingView(context, { orgId, isAdmin: user.isAdmin }, id)
	if (!view) throw notFound()
	return { view }
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
	const t = getFixedT(localeFromMatches(matches), 'leasing')
	return [{ title: t('meta.enterprise', { title: loaderData?.view.demand.title ?? '' }) }]
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const user = await requireOrgUser(request, context)
	const id = parseId(params.id)
	if (id == null) throw notFound()
	// Only a buyer organization owns demands: for anyone else the demand does not exist.
	if (!user.organization.roles.includes('buyer')) throw notFound()
	const formData = await request.formData()
	const submission = parseForm(formData, EnterpriseLeasingActionSchema)
	const offerField = formData.get('offerId')
	const offerId = typeof offerField === 'string' ? offerField : null
	if (submission.status !== 'success') return data({ result: submission.reply(), offerId }, { status: 400 })
	const value = submission.value
	const actor = { ...linkMeta(request, context), userId: user.id, orgId: user.organizationId }
	const result =
		value.intent === 'request'
			? await requestOffer(context.db, actor, id, value.programId)
			: value.intent === 'accept'
				? await acceptOffer(context.db, actor, id, value.offerId)
				: await declineOffer(context.db, actor, id, value.offerId, value.reason)
	if (!result.ok) {
		if (result.kind === 'notFound') throw notFound()
		return data({ result: submission.reply({ formErrors: [result.message] }), offerId }, { status: result.status })
	}
	const anchor = value.intent === 'request' ? '#suggestions' : '#offers'
	return redirect(`/demands/${id}/leasing?done=${value.intent}${anchor}`)
}

function Suggestion({
	program,
	monthlyPayment,
	amount,
	termMonths,
	annualRate,
	requested,
	canRequest,
}: {
	program: ProgramView
	monthlyPayment: number | null
	amount: number
	termMonths: number
	annualRate: number
	requested: boolean
	canRequest: boolean
}) {
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	const figures = useProgramFigures(program).slice(0, 3)
	return (
		<article className="card flex h-full flex-col p-4 sm:p-5">
			<h3 className="break-anywhere font-semibold text-slate-900">
				<Link to={`/leasing/programs/${program.id}`} className="link">
					{program.name}
				</Link>
			</h3>
			<p className="mt-0.5 text-sm text-slate-600">{orgLabel(locale, program.org)}</p>
			<p className="mt-3 text-sm text-slate-600">{t('enterprise.indicative')}</p>
			<p className="text-xl font-semibold text-red-800 tabular-nums">
				{monthlyPayment != null
					? t('enterprise.perMonth', { amount: formatFen(locale, Math.round(monthlyPayment * 100)) })
					: t('enterprise.noEstimate')}
			</p>
			{monthlyPayment != null ? (
				<p className="text-xs text-slate-600">
					{t('enterprise.indicativeBasis', {
						amount: formatYuan(locale, amount),
						term: termMonths,
						rate: formatRate(annualRate),
					})}
				</p>
			) : null}
			<dl className="mt-3 space-y-1 text-sm">
				{figures.map(([label, value]) => (
					<div key={label} className="flex flex-wrap justify-between gap-x-3">
						<dt className="text-slate-600">{label}</dt>
						<dd className="font-medium text-slate-900 tabular-nums">{value}</dd>
					</div>
				))}
			</dl>
			<div className="mt-auto pt-4">
				{requested ? (
					<span className="rounded-full bg-emerald-100 px-2.5 py-0.5 text-sm font-medium text-emerald-900">
						{t('enterprise.requested')}
					</span>
				) : canRequest ? (
					<Form method="post">
						<input type="hidden" name="programId" value={program.id} />
						<button type="submit" name="intent" value="request" className="btn-primary w-full">
							{t('enterprise.request')}
						</button>
						<p className="mt-1.5 text-xs text-slate-600">{t('enterprise.requestNote')}</p>
					</Form>
				) : null}
			</div>
		</article>
	)
}

function OfferCard({ offer, canAnswer, errors }: { offer: LeaseOffer; canAnswer: boolean; errors: string[] | null }) {
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	const facts: Array<[string, string]> = [
		[t('offer.amountFinanced'), formatFen(locale, offer.amountFen)],
		[t('offer.termMonths'), t('offer.termValue', { count: offer.termMonths })],
		[t('offer.annualRate'), formatRate(offer.annualRate)],
		[t('schedule.effectiveRate'), formatRate(offer.rates?.effectiveAnnualRate)],
		[t('offer.structure'), t(`structure.${offer.structure}`)],
		[
			t('offer.frequency'),
			`${t(`frequency.${offer.frequency}`)} · ${t(`method.${offer.method}`)} · ${t(`timing.${offer.timing}`)}`,
		],
		[t('offer.downPayment'), formatFen(locale, offer.downPaymentFen)],
		[t('offer.deposit'), formatFen(locale, offer.depositFen)],
		[t('offer.serviceFee'), formatFen(locale, offer.serviceFeeFen)],
		[t('offer.residual'), formatFen(locale, offer.residualFen)],
		[t('offer.validUntil'), offer.validUntil ?? '—'],
	]
	return (
		<article className="card p-4 sm:p-5" aria-labelledby={`offer-${offer.id}`}>
			<div className="flex flex-wrap items-center justify-between gap-2">
				<h3 id={`offer-${offer.id}`} className="font-semibold text-slate-900">
					{orgLabel(locale, offer.lessor)}
					<span className="ml-2 text-sm font-normal text-slate-600">
						{t('offer.number', { id: offer.id })}
						{offer.programName ? ` · ${offer.programName}` : ''}
					</span>
				</h3>
				<OfferStatusBadge status={offer.status} />
			</div>
			<dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
				{facts.map(([label, value]) => (
					<div key={label} className="flex flex-wrap justify-between gap-x-3 border-b border-slate-100 py-1">
						<dt className="text-slate-600">{label}</dt>
						<dd className="font-medium text-slate-900 tabular-nums">{value}</dd>
					</div>
				))}
			</dl>
			{offer.note ? <p className="mt-3 text-sm whitespace-pre-line text-slate-700">{offer.note}</p> : null}
			{offer.declinedAutomatically ? (
				<p className="mt-2 text-sm text-red-800">{t('offer.autoDeclined')}</p>
			) : offer.declineReason ? (
				<p className="mt-2 text-sm text-red-800">{t('offer.declineReasonValue', { reason: offer.declineReason })}</p>
			) : null}
			<details className="mt-3">
				<summary className="cursor-pointer text-sm font-medium text-brand-700">
					{t('enterprise.showSchedule', { count: offer.schedule.periods })}
				</summary>
				<div className="mt-3 space-y-3">
					<ScheduleSummary schedule={offer.schedule} />
					<ScheduleOneOffs schedule={offer.schedule} />
					<ScheduleTable schedule={offer.schedule} caption={t('enterprise.scheduleOf', { id: offer.id })} />
				</div>
			</details>
			{canAnswer && offer.status === 'sent' ? (
				<div className="mt-4 grid gap-4 border-t border-slate-100 pt-4 sm:grid-cols-2">
					<Form method="post">
						<input type="hidden" name="offerId" value={offer.id} />
						<button type="submit" name="intent" value="accept" className="btn-primary w-full">
							{t('enterprise.accept')}
						</button>
						<p className="mt-1.5 text-xs text-slate-600">{t('enterprise.acceptNote')}</p>
					</Form>
					<Form method="post" className="space-y-2">
						<input type="hidden" name="offerId" value={offer.id} />
						<label htmlFor={`reason-${offer.id}`} className="block text-sm font-medium text-slate-800">
							{t('enterprise.declineReason')}
						</label>
						<textarea
							id={`reason-${offer.id}`}
							name="reason"
							rows={2}
							required
							minLength={2}
							maxLength={LEASING_LIMITS.reason}
							aria-invalid={errors?.length ? true : undefined}
							aria-describedby={errors?.length ? `reason-${offer.id}-error` : undefined}
							className="input"
						/>
						<FieldErrors ns="leasing" id={`reason-${offer.id}-error`} errors={errors} />
						<button type="submit" name="intent" value="decline" className="btn-secondary w-full">
							{t('enterprise.decline')}
						</button>
					</Form>
				</div>
			) : null}
		</article>
	)
}

export default function EnterpriseLeasingPage() {
	const { view } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	const done = searchParams.get('done')
	const { demand } = view
	const accepted = view.offers.find((o) => o.status === 'accepted')
	const canAnswer = view.canAct && view.open && !accepted
	const compared = view.offers.filter((o) => o.status === 'sent' || o.status === 'accepted')
	const formErrors = actionData?.result.error?.[''] ?? null
	const reasonErrors = actionData?.result.error?.reason ?? null
	const budget =
		demand.budgetMin != null && demand.budgetMax != null
			? `${formatYuan(locale, demand.budgetMin)} – ${formatYuan(locale, demand.budgetMax)}`
			: demand.budgetMax != null
				? formatYuan(locale, demand.budgetMax)
				: '—'
	return (
		<div className="mx-auto max-w-7xl px-4 py-6 sm:py-8">
			<p className="text-sm">
				<Link to={`/demands/${demand.id}`} className="link">
					{t('enterprise.backToDemand')}
				</Link>
			</p>
			<header className="mt-2">
				<p className="text-sm font-medium text-brand-700">{t('enterprise.kicker')}</p>
				<h1 className="break-anywhere text-2xl font-bold text-slate-900 sm:text-3xl">{demand.title}</h1>
				<p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600">
					{demand.categoryKey ? <span>{categoryLabel(demand.categoryKey, locale)}</span> : null}
					<span>{t('demand.quantityValue', { count: demand.quantity })}</span>
					<span>{t('enterprise.budgetValue', { value: budget })}</span>
					{demand.neededBy ? <span>{t('demand.neededByValue', { date: demand.neededBy })}</span> : null}
				</p>
			</header>

			<div className="mt-4">
				{done && ['request', 'accept', 'decline'].includes(done) ? (
					<Notice className="mb-5">{t(`enterprise.done.${done}`)}</Notice>
				) : null}
				{!view.canAct ? (
					<Notice className="mb-5" tone="info">
						{t('enterprise.adminView')}
					</Notice>
				) : null}
				{demand.financing !== 'leasing' ? (
					<Notice className="mb-5" tone="info">
						{t('enterprise.notLeasing')}
					</Notice>
				) : null}
				{formErrors ? <FormAlert ns="leasing" className="mb-5" errors={formErrors} /> : null}
			</div>

			{demand.financing === 'leasing' ? (
				<section id="suggestions" aria-labelledby="suggestions-heading" className="mt-6">
					<h2 id="suggestions-heading" className="text-xl font-semibold text-slate-900">
						{t('enterprise.suggestionsHeading')}
					</h2>
					<p className="mt-1 text-sm text-slate-600">{t('enterprise.suggestionsLead')}</p>
					{view.suggestions.length === 0 ? (
						<p className="card mt-3 p-5 text-slate-700">{t('enterprise.noSuggestions')}</p>
					) : (
						<ul className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
							{view.suggestions.map((s) => (
								<li key={s.program.id}>
									<Suggestion
										program={s.program}
										monthlyPayment={s.monthlyPayment}
										amount={s.amount}
										termMonths={s.termMonths}
										annualRate={s.annualRate}
										requested={s.requested}
										canRequest={view.canAct && view.open}
									/>
								</li>
							))}
						</ul>
					)}
				</section>
			) : null}

			<section id="offers" aria-labelledby="offers-heading" className="mt-10">
				<h2 id="offers-heading" className="text-xl font-semibold text-slate-900">
					{t('enterprise.offersHeading', { count: view.offers.length })}
				</h2>
				{view.offers.length === 0 ? (
					<p className="card mt-3 p-5 text-slate-700">{t('enterprise.noOffers')}</p>
				) : (
					<>
						{compared.length > 0 ? (
							<div className="mt-3">
								<h3 className="mb-2 font-semibold text-slate-900">{t('compare.heading')}</h3>
								<p className="mb-3 text-sm text-slate-600">{t('compare.lead')}</p>
								<ComparisonTable
									offers={compared.map((o) => ({
										id: o.id,
										lessorName: orgLabel(locale, o.lessor),
										status: o.status,
										amountFen: o.amountFen,
										termMonths: o.termMonths,
										annualRate: o.annualRate,
										frequency: o.frequency,
										method: o.method,
										timing: o.timing,
										downPaymentFen: o.downPaymentFen,
									}))}
									comparison={view.comparison}
									cashPrice={view.cashPrice}
								/>
							</div>
						) : null}
						<ul className="mt-6 space-y-4">
							{view.offers.map((offer) => (
								<li key={offer.id}>
									<OfferCard
										offer={offer}
										canAnswer={canAnswer}
										errors={actionData?.offerId === String(offer.id) ? reasonErrors : null}
									/>
								</li>
							))}
						</ul>
					</>
				)}
			</section>

			{view.requests.length > 0 ? (
				<section aria-labelledby="requests-heading" className="mt-10">
					<h2 id="requests-heading" className="text-lg font-semibold text-slate-900">
						{t('enterprise.requestsHeading')}
					</h2>
					<ul className="mt-2 space-y-1 text-sm text-slate-700">
						{view.requests.map((r) => (
							<li key={r.lessorOrgId}>
								{orgLabel(locale, { name: r.lessorName, nameEn: r.lessorNameEn })} · {r.createdAt.slice(0, 10)}
							</li>
						))}
					</ul>
				</section>
			) : null}
		</div>
	)
}

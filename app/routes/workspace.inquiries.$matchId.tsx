import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams, type MetaFunction } from '@remix-run/react'
import { useId, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { SubmitButton } from '#app/auth/auth-ui.tsx'
import { parseForm } from '#app/auth/form.server.ts'
import { requireOrgUser, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { ContactCard } from '#app/components/demands/contact-card.tsx'
import { DemandFacts } from '#app/components/demands/demand-facts.tsx'
import { DemandHeader, DoneNotice, Section } from '#app/components/demands/demand-header.tsx'
import { ScoreBar } from '#app/components/demands/match-card.tsx'
import { MessageThread } from '#app/components/demands/message-thread.tsx'
import { QuoteFacts } from '#app/components/demands/quote-compare.tsx'
import { ReasonList } from '#app/components/demands/reason-list.tsx'
import { MatchStatusBadge } from '#app/components/demands/status-badge.tsx'
import { FieldErrors, FormAlert, replyErrors } from '#app/components/form/form-kit.tsx'
import { contentLang, displayName } from '#app/components/product-card.tsx'
import { formatDate } from '#app/i18n/format.ts'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import {
	ATTACHMENT_ACCEPT,
	DEMAND_ERROR_VALUES,
	DEMAND_LIMITS,
	InquiryActionSchema,
} from '#app/models/demand.schema.ts'
import { parseDemandId, toActor, type Outcome } from '#app/models/demand.server.ts'
import {
	declineInquiry,
	getMakerInquiry,
	postMessage,
	readUploadForm,
	submitQuote,
} from '#app/models/inquiry.server.ts'

export const handle = { i18n: ['demands'] }

export const meta: MetaFunction = ({ matches }) => [
	{ title: getFixedT(localeFromMatches(matches), 'demands')('meta.inquiry') },
	{ name: 'robots', content: 'noindex' },
]

function notFound(): Response {
	return new Response('Not Found', { status: 404 })
}

type Reply = {
	result?: { error?: Record<string, string[] | null> | null; initialValue?: Record<string, unknown> | null } | null
	intent?: string | null
}

/** One inquiry to the supplier's products; anyone else's match id is a 404 (R16). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const user = await requireOrgUser(request, context, { role: 'supplier', verified: true })
	const matchId = parseDemandId(params.matchId)
	if (matchId == null) throw notFound()
	const page = await getMakerInquiry(context.db, toActor(user), matchId)
	if (!page) throw notFound()
	return { page }
}

/** Quote (with an optional attachment), decline, or a message: one model call each. */
export async function action({ request, params, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const user = await requireOrgUser(request, context, { role: 'supplier', verified: true })
	const matchId = parseDemandId(params.matchId)
	if (matchId == null) throw notFound()
	const { formData, attachment, tooLarge } = await readUploadForm(request)
	const intentRaw = formData.get('intent')
	const intent = typeof intentRaw === 'string' ? intentRaw.slice(0, 20) : null
	const submission = parseForm(formData, InquiryActionSchema)
	if (submission.status !== 'success' || tooLarge) {
		const reply = tooLarge
			? submission.reply({ fieldErrors: { attachment: ['errors.attachmentTooLarge'] } })
			: submission.reply()
		return data({ result: reply, intent } satisfies Reply, { status: 400 })
	}
	const v = submission.value
	const actor = toActor(user, context.clientIp)
	let outcome: Outcome<unknown>
	if (v.intent === 'quote') {
		const { intent: _i, ...input } = v
		outcome = await submitQuote(context, actor, matchId, input, attachment, { dataDir: context.env.dataDir })
	} else if (v.intent === 'decline') {
		outcome = await declineInquiry(context, actor, matchId, v.reason)
	} else {
		outcome = await postMessage(context, actor, matchId, v.body)
	}
	if (!outcome.ok) {
		if (outcome.status === 404) throw notFound()
		const reply = outcome.field
			? submission.reply({ fieldErrors: { [outcome.field]: [`errors.${outcome.code}`] } })
			: submission.reply({ formErrors: [`errors.${outcome.code}`] })
		return data({ result: reply, intent } satisfies Reply, { status: outcome.status })
	}
	return redirect(`/workspace/inquiries/${matchId}?done=${v.intent}`)
}

function QuoteForm({ reply, today }: { reply: Reply | undefined; today: string }) {
	const { t } = useTranslation('demands')
	const id = useId()
	const mine = reply?.intent === 'quote' ? reply.result : null
	const initial = (mine?.initialValue ?? {}) as Record<string, unknown>
	const text = (v: unknown) => (typeof v === 'string' ? v : '')
	const field = (name: string, label: string, input: ReactNode, hint?: string) => (
		<div>
			<label htmlFor={`${id}-${name}`} className="mb-1.5 block text-sm font-medium text-slate-800">
				{label}
			</label>
			{input}
			{hint ? (
				<p id={`${id}-${name}-hint`} className="mt-1 text-sm text-slate-600">
					{hint}
				</p>
			) : null}
			<FieldErrors ns="demands" values={DEMAND_ERROR_VALUES} errors={replyErrors(mine, name)} />
		</div>
	)
	return (
		<Form method="post" encType="multipart/form-data" className="space-y-4">
			<input type="hidden" name="intent" value="quote" />
			<FormAlert ns="demands" values={DEMAND_ERROR_VALUES} className="mb-4" errors={replyErrors(mine, '')} />
			<div className="grid gap-4 sm:grid-cols-2">
				{field(
					'unitPrice',
					t('answer.unitPrice'),
					<input
						id={`${id}-unitPrice`}
						name="unitPrice"
						type="number"
						min={1}
						required
						inputMode="numeric"
						defaultValue={text(initial.unitPrice)}
						className="input"
					/>,
				)}
				{field(
					'totalPrice',
					t('answer.totalPrice'),
					<input
						id={`${id}-totalPrice`}
						name="totalPrice"
						type="number"
						min={1}
						required
						inputMode="numeric"
						defaultValue={text(initial.totalPrice)}
						className="input"
					/>,
				)}
				{field(
					'deliveryDate',
					t('answer.deliveryDate'),
					<input
						id={`${id}-deliveryDate`}
						name="deliveryDate"
						type="date"
						min={today}
						required
						defaultValue={text(initial.deliveryDate)}
						className="input"
					/>,
				)}
				{field(
					'validUntil',
					t('answer.validUntil'),
					<input
						id={`${id}-validUntil`}
						name="validUntil"
						type="date"
						min={today}
						required
						defaultValue={text(initial.validUntil)}
						className="input"
					/>,
				)}
			</div>
			{field(
				'note',
				t('answer.note'),
				<textarea
					id={`${id}-note`}
					name="note"
					rows={3}
					maxLength={DEMAND_LIMITS.note}
					placeholder={t('answer.notePlaceholder')}
					defaultValue={text(initial.note)}
					className="input"
				/>,
			)}
			{field(
				'attachment',
				t('answer.attachment'),
				<input
					id={`${id}-attachment`}
					name="attachment"
					type="file"
					accept={ATTACHMENT_ACCEPT}
					aria-describedby={`${id}-attachment-hint`}
					className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-brand-700"
				/>,
				t('answer.attachmentHint'),
			)}
			<SubmitButton className="btn-primary">{t('answer.submit')}</SubmitButton>
		</Form>
	)
}

function DeclineForm({ reply }: { reply: Reply | undefined }) {
	const { t } = useTranslation('demands')
	const id = useId()
	const mine = reply?.intent === 'decline' ? reply.result : null
	return (
		<details className="rounded-md border border-slate-200 p-4" open={mine != null}>
			<summary className="cursor-pointer font-medium text-slate-800">{t('answer.declineHeading')}</summary>
			<Form method="post" className="mt-3 space-y-2">
				<input type="hidden" name="intent" value="decline" />
				<label htmlFor={id} className="block text-sm font-medium text-slate-800">
					{t('answer.declineReason')}
				</label>
				<textarea
					id={id}
					name="reason"
					rows={2}
					required
					maxLength={DEMAND_LIMITS.reason}
					placeholder={t('answer.declineReasonPlaceholder')}
					className="input"
				/>
				<FieldErrors
					ns="demands"
					values={DEMAND_ERROR_VALUES}
					errors={[...(replyErrors(mine, 'reason') ?? []), ...(replyErrors(mine, '') ?? [])]}
				/>
				<SubmitButton className="btn-secondary">{t('answer.decline')}</SubmitButton>
			</Form>
		</details>
	)
}

export default function InquiryPage() {
	const { page } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>() as Reply | undefined
	const [searchParams] = useSearchParams()
	const { t } = useTranslation(['demands', 'common'])
	const locale = useAppLocale()
	const { thread, demand } = page
	const messageErrors =
		reply?.intent === 'message' ? (replyErrors(reply.result, 'body') ?? replyErrors(reply.result, '')) : null
	return (
		<div className="mx-auto max-w-6xl space-y-4 px-4 py-6 sm:py-8">
			<Breadcrumbs
				items={[
					{ label: t('common:nav.home'), to: '/' },
					{ label: t('inquiries.heading'), to: '/workspace/inquiries' },
					{ label: demand.title },
				]}
			/>
			<DoneNotice done={reply ? null : searchParams.get('done')} />
			<DemandHeader demand={demand}>
				<p className="mt-3 flex flex-wrap items-center gap-3 text-sm text-slate-700">
					<span>
						{t('maker.product')}：{displayName(locale, thread.product.name, thread.product.nameEn).primary}
					</span>
					<MatchStatusBadge status={thread.status} />
					<ScoreBar score={thread.score} />
				</p>
			</DemandHeader>
			<div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
				<div className="min-w-0 space-y-6">
					{thread.inquiry ? (
						<Section id="inquiry" title={t('inquiry.sent')}>
							<p className="text-sm text-slate-600">
								{t('inquiry.sentAt', { date: formatDate(locale, thread.inquiry.sentAt) })}
							</p>
							<p className="mt-1 text-sm text-slate-700">
								{t('inquiry.summary', {
									quantity: thread.inquiry.quantity ?? '—',
									date: thread.inquiry.wantedDate ? formatDate(locale, thread.inquiry.wantedDate) : '—',
								})}
							</p>
							{thread.inquiry.message ? (
								<p lang={contentLang(locale)} className="break-anywhere mt-2 whitespace-pre-line text-slate-800">
									{thread.inquiry.message}
								</p>
							) : null}
						</Section>
					) : null}
					{page.canAnswer ? (
						<Section id="quote" title={t('answer.quoteHeading')}>
							<div className="space-y-4">
								<QuoteForm reply={reply} today={page.today} />
								<DeclineForm reply={reply} />
							</div>
						</Section>
					) : thread.quote ? (
						<Section id="quote" title={t('answer.yourQuote')}>
							<QuoteFacts quote={thread.quote} />
							{thread.status === 'quoted' ? <p className="mt-3 text-sm text-slate-600">{t('answer.waiting')}</p> : null}
						</Section>
					) : null}
					<Section id="thread" title={t('thread.heading')}>
						<MessageThread messages={thread.messages} hidden={{}} errors={messageErrors} />
					</Section>
				</div>
				<aside className="space-y-6">
					<Section id="contact" title={t('contact.heading')}>
						<ContactCard contact={thread.buyerContact} />
					</Section>
					<Section id="reasons" title={t('answer.reasons')}>
						<ReasonList reasons={thread.reasons} />
					</Section>
					<Section id="facts" title={t('detail.facts')}>
						<DemandFacts demand={demand} />
					</Section>
					<Link to={`/demands/${demand.id}`} className="link text-sm">
						{t('opportunities.view')}
					</Link>
				</aside>
			</div>
		</div>
	)
}

import { Form, Link } from '@remix-run/react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { SubmitButton } from '#app/auth/auth-ui.tsx'
import { FieldErrors, replyErrors } from '#app/components/form/form-kit.tsx'
import { contentLang, displayName } from '#app/components/product-card.tsx'
import { formatDate } from '#app/i18n/format.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { DEMAND_ERROR_VALUES, DEMAND_LIMITS } from '#app/models/demand.schema.ts'
import type { DemandPage, MakerThread } from '#app/models/inquiry.server.ts'
import { ContactCard } from './contact-card.tsx'
import { DemandFacts, OldEquipmentFacts } from './demand-facts.tsx'
import { DemandHeader, DemandStateNotice, Section } from './demand-header.tsx'
import { MessageThread } from './message-thread.tsx'
import type { ActionReply } from './owner-view.tsx'
import { QuoteFacts } from './quote-compare.tsx'
import { MatchStatusBadge } from './status-badge.tsx'

type PublicPage = Extract<DemandPage, { view: 'public' }>

function ThreadCard({ thread, reply }: { thread: MakerThread; reply: ActionReply | undefined }) {
	const { t } = useTranslation('demands')
	const locale = useAppLocale()
	const errors =
		reply?.intent === 'message' && reply.matchId === thread.matchId
			? (replyErrors(reply.result, 'body') ?? replyErrors(reply.result, ''))
			: null
	return (
		<article id={`match-${thread.matchId}`} className="rounded-md border border-slate-200 p-4">
			<p className="flex flex-wrap items-center justify-between gap-2">
				<span className="font-medium text-slate-900">
					{t('maker.product')}：{displayName(locale, thread.product.name, thread.product.nameEn).primary}
				</span>
				<MatchStatusBadge status={thread.status} />
			</p>
			{thread.inquiry ? (
				<div className="mt-2 text-sm text-slate-700">
					<p>
						{t('inquiry.summary', {
							quantity: thread.inquiry.quantity ?? '—',
							date: thread.inquiry.wantedDate ? formatDate(locale, thread.inquiry.wantedDate) : '—',
						})}
					</p>
					{thread.inquiry.message ? (
						<p lang={contentLang(locale)} className="break-anywhere mt-1 whitespace-pre-line text-slate-800">
							{thread.inquiry.message}
						</p>
					) : null}
				</div>
			) : null}
			{thread.quote ? (
				<div className="mt-3">
					<h3 className="mb-1 text-sm font-semibold text-slate-900">{t('answer.yourQuote')}</h3>
					<QuoteFacts quote={thread.quote} />
				</div>
			) : null}
			<div className="mt-3">
				<h3 className="mb-1 text-sm font-semibold text-slate-900">{t('contact.heading')}</h3>
				<ContactCard contact={thread.buyerContact} />
			</div>
			<div className="mt-3">
				<h3 className="mb-2 text-sm font-semibold text-slate-900">{t('thread.heading')}</h3>
				<MessageThread messages={thread.messages} hidden={{ matchId: String(thread.matchId) }} errors={errors} />
			</div>
			<Link to={`/workspace/inquiries/${thread.matchId}`} className="btn-secondary mt-3 text-sm">
				{t('maker.open')}
			</Link>
		</article>
	)
}

function ReportForm({ page, reply }: { page: PublicPage; reply: ActionReply | undefined }) {
	const { t } = useTranslation('demands')
	const id = useId()
	if (page.viewer.reported) return <p className="text-sm text-slate-600">{t('report.already')}</p>
	if (!page.viewer.canReport) return null
	const mine = reply?.intent === 'report' ? reply.result : null
	return (
		<details className="text-sm">
			<summary className="cursor-pointer font-medium text-slate-700">{t('report.heading')}</summary>
			<Form method="post" className="mt-2 space-y-2">
				<input type="hidden" name="intent" value="report" />
				<p className="text-slate-600">{t('report.intro')}</p>
				<label htmlFor={id} className="block font-medium text-slate-800">
					{t('report.reason')}
				</label>
				<textarea id={id} name="reason" rows={2} required maxLength={DEMAND_LIMITS.reason} className="input" />
				<FieldErrors
					ns="demands"
					values={DEMAND_ERROR_VALUES}
					errors={[...(replyErrors(mine, 'reason') ?? []), ...(replyErrors(mine, '') ?? [])]}
				/>
				<SubmitButton className="btn-secondary text-sm">{t('report.submit')}</SubmitButton>
			</Form>
		</details>
	)
}

/** /demands/:id for everyone but the owner: the public demand, plus a maker's own inquiries on it. */
export function PublicView({ page, reply }: { page: PublicPage; reply: ActionReply | undefined }) {
	const { t } = useTranslation(['demands', 'common'])
	const locale = useAppLocale()
	const d = page.demand
	return (
		<div className="space-y-6">
			<DemandHeader demand={d} />
			<DemandStateNotice demand={d} />
			<div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
				<div className="min-w-0 space-y-6">
					{page.threads.length > 0 ? (
						<Section id="mine" title={t('maker.heading')}>
							<div className="space-y-4">
								{page.threads.map((th) => (
									<ThreadCard key={th.matchId} thread={th} reply={reply} />
								))}
							</div>
						</Section>
					) : null}
					<Section id="facts" title={t('detail.facts')}>
						<DemandFacts demand={d} />
					</Section>
					<Section id="description" title={t('detail.description')}>
						<p lang={contentLang(locale)} className="break-anywhere leading-relaxed whitespace-pre-line text-slate-800">
							{d.description}
						</p>
					</Section>
					{d.old ? (
						<Section id="old" title={t('detail.old')}>
							<OldEquipmentFacts demand={d} />
						</Section>
					) : null}
				</div>
				<aside className="space-y-6">
					<section className="card p-5">
						<h2 className="text-sm font-semibold text-slate-600">{t('detail.buyer')}</h2>
						<p className="mt-2 text-slate-900">{t('detail.buyerHidden')}</p>
						<p className="mt-3 text-sm text-slate-600">{t('detail.privacy')}</p>
					</section>
					{page.threads.length === 0 ? (
						<section className="card p-5">
							<h2 className="font-semibold text-slate-900">{t('detail.forMakers')}</h2>
							<p className="mt-2 text-sm text-slate-700">{t('detail.forMakersText')}</p>
							<Link
								to={
									page.viewer.signedIn
										? '/workspace/opportunities'
										: `/login?redirectTo=${encodeURIComponent(`/demands/${d.id}`)}`
								}
								className="btn-secondary mt-3 w-full"
							>
								{page.viewer.signedIn ? t('detail.opportunitiesLink') : t('detail.signIn')}
							</Link>
						</section>
					) : null}
					<ReportForm page={page} reply={reply} />
				</aside>
			</div>
		</div>
	)
}

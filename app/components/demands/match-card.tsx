import { Form, Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SubmitButton } from '#app/auth/auth-ui.tsx'
import { InZoneBadge } from '#app/components/badges.tsx'
import { EnergyGradeBadge } from '#app/components/energy-grade-badge.tsx'
import { PriceBand } from '#app/components/price-band.tsx'
import { contentLang, displayName } from '#app/components/product-card.tsx'
import { formatDate } from '#app/i18n/format.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import type { OwnerMatch } from '#app/models/inquiry.server.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'
import { ContactCard } from './contact-card.tsx'
import { percent } from './labels.ts'
import { MessageThread } from './message-thread.tsx'
import { ReasonList } from './reason-list.tsx'
import { MatchStatusBadge } from './status-badge.tsx'

/** The score as a bar and a number (the number is what screen readers get). */
export function ScoreBar({ score }: { score: number }) {
	const { t } = useTranslation('demands')
	const pct = percent(score)
	return (
		<span className="inline-flex items-center gap-2 text-sm font-semibold text-slate-900">
			<span aria-hidden="true" className="h-2 w-20 overflow-hidden rounded-full bg-slate-200">
				<span className="block h-full rounded-full bg-teal-brand" style={{ width: `${pct}%` }} />
			</span>
			{t('matches.score', { pct })}
		</span>
	)
}

/**
 * One match on the owner's page: the product and maker, the score and its reasons, the workflow
 * status, the shortlist button, and — once the inquiry is out — the inquiry, the thread and the
 * maker's contact (when revealed).
 */
export function MatchCard({
	match,
	canAct,
	live,
	messageErrors,
}: {
	match: OwnerMatch
	canAct: boolean
	live: boolean
	messageErrors?: string[] | null
}) {
	const { t } = useTranslation(['demands', 'common'])
	const locale = useAppLocale()
	const product = displayName(locale, match.product.name, match.product.nameEn)
	const maker = displayName(locale, match.product.org.name, match.product.org.nameEn)
	const inWorkflow = match.inquiry !== null
	return (
		<article id={`match-${match.id}`} className="card scroll-mt-4 p-4 sm:p-5">
			<div className="flex flex-wrap items-start justify-between gap-3">
				<div className="min-w-0 flex-[1_1_16rem]">
					<h3 className="break-anywhere text-base font-semibold text-slate-900">
						{match.product.published ? (
							<Link
								to={`/products/${match.product.id}`}
								lang={product.primaryLang === locale ? undefined : product.primaryLang}
								className="text-brand-700 hover:underline"
							>
								{product.primary}
							</Link>
						) : (
							<span>{product.primary}</span>
						)}
						{match.product.model ? (
							<span className="ml-2 text-sm font-normal text-slate-600">{match.product.model}</span>
						) : null}
					</h3>
					<p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-700">
						<span>{t('matches.maker', { name: maker.primary })}</span>
						<InZoneBadge inZone={match.product.org.inZone} />
						<EnergyGradeBadge
							grade={
								match.product.energyGrade === 1 || match.product.energyGrade === 2 || match.product.energyGrade === 3
									? match.product.energyGrade
									: null
							}
						/>
						<span className="text-slate-600">{categoryLabel(match.product.categoryKey, locale)}</span>
					</p>
					{!match.product.published ? <p className="mt-1 text-xs text-amber-800">{t('matches.productGone')}</p> : null}
				</div>
				<div className="flex items-center gap-3 sm:flex-col sm:items-end sm:gap-1.5">
					<MatchStatusBadge status={match.status} />
					<ScoreBar score={match.score} />
				</div>
			</div>
			<p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-700">
				<span>
					<span className="text-slate-600">{t('matches.price')}：</span>
					<PriceBand min={match.product.priceMin} max={match.product.priceMax} />
				</span>
				{match.product.leadTimeDays != null ? (
					<span>{t('common:leadTime', { count: match.product.leadTimeDays })}</span>
				) : null}
			</p>
			<details className="mt-3" open={!inWorkflow}>
				<summary className="cursor-pointer text-sm font-medium text-brand-700">{t('matches.reasons')}</summary>
				<div className="mt-2">
					<ReasonList reasons={match.reasons} />
				</div>
			</details>
			{canAct && live && (match.status === 'suggested' || match.status === 'shortlisted') ? (
				<Form method="post" preventScrollReset className="mt-3">
					<input type="hidden" name="intent" value={match.status === 'suggested' ? 'shortlist' : 'unshortlist'} />
					<input type="hidden" name="matchId" value={match.id} />
					<SubmitButton className={match.status === 'suggested' ? 'btn-secondary text-sm' : 'btn-secondary text-sm'}>
						{match.status === 'suggested' ? t('matches.shortlist') : t('matches.unshortlist')}
					</SubmitButton>
				</Form>
			) : null}
			{match.inquiry ? (
				<div className="mt-4 grid gap-4 border-t border-slate-100 pt-4 lg:grid-cols-2">
					<div className="space-y-2 text-sm">
						<h4 className="font-semibold text-slate-900">{t('inquiry.sent')}</h4>
						<p className="text-slate-600">{t('inquiry.sentAt', { date: formatDate(locale, match.inquiry.sentAt) })}</p>
						<p className="text-slate-700">
							{t('inquiry.summary', {
								quantity: match.inquiry.quantity ?? '—',
								date: match.inquiry.wantedDate ? formatDate(locale, match.inquiry.wantedDate) : '—',
							})}
						</p>
						{match.inquiry.message ? (
							<p lang={contentLang(locale)} className="break-anywhere whitespace-pre-line text-slate-800">
								{match.inquiry.message}
							</p>
						) : null}
						<h4 className="pt-2 font-semibold text-slate-900">{t('contact.heading')}</h4>
						<ContactCard contact={match.makerContact} />
					</div>
					<div>
						<h4 className="mb-2 text-sm font-semibold text-slate-900">{t('thread.heading')}</h4>
						<MessageThread
							messages={match.messages}
							hidden={{ matchId: String(match.id) }}
							errors={messageErrors}
							canPost={canAct}
						/>
					</div>
				</div>
			) : null}
		</article>
	)
}

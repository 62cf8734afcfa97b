import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { contentLang } from '#app/components/product-card.tsx'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import type { PublicDemand } from '#app/models/demand.server.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'
import { domainLabel } from './labels.ts'
import { DemandStatusBadge } from './status-badge.tsx'

export function DemandHeader({ demand, children }: { demand: PublicDemand; children?: ReactNode }) {
	const { t } = useTranslation('demands')
	const locale = useAppLocale()
	return (
		<header className="card p-5 sm:p-6">
			<div className="flex flex-wrap items-center gap-2">
				<DemandStatusBadge status={demand.status} expired={demand.expired} />
				<span className="chip">
					{demand.categoryKey ? categoryLabel(demand.categoryKey, locale) : t('card.uncategorized')}
				</span>
				{demand.domain ? <span className="text-sm text-slate-700">{domainLabel(demand.domain, locale)}</span> : null}
			</div>
			<h1 lang={contentLang(locale)} className="break-anywhere mt-3 text-2xl font-bold text-slate-900 sm:text-3xl">
				{demand.title}
			</h1>
			{children}
		</header>
	)
}

/** Banners for a demand that is a draft, past its date, or closed. */
export function DemandStateNotice({ demand }: { demand: PublicDemand }) {
	const { t } = useTranslation('demands')
	let text: string | null = null
	if (demand.status === 'draft') text = t('detail.draftNotice')
	else if (demand.expired) text = t('detail.expiredNotice')
	else if (demand.status === 'closed' || demand.status === 'cancelled')
		text = t('detail.closedNotice', {
			reason: t(`closeReason.${demand.closeReason ?? (demand.status === 'cancelled' ? 'cancelled' : 'won')}`),
		})
	if (!text) return null
	return (
		<div role="status" className="rounded-md border border-amber-400 bg-amber-50 px-4 py-3 text-sm text-amber-900">
			{text}
		</div>
	)
}

export function DoneNotice({ done }: { done: string | null }) {
	const { t } = useTranslation('demands')
	if (!done || !/^[a-z]+$/.test(done)) return null
	const text = t(`done.${done}`, { defaultValue: '' })
	if (!text) return null
	return (
		<div
			role="status"
			className="rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900"
		>
			{text}
		</div>
	)
}

export function Section({
	id,
	title,
	children,
	intro,
}: {
	id: string
	title: string
	intro?: ReactNode
	children: ReactNode
}) {
	return (
		<section aria-labelledby={id} className="card p-5 sm:p-6">
			<h2 id={id} className="text-lg font-semibold text-slate-900">
				{title}
			</h2>
			{intro ? <div className="mt-1 text-sm text-slate-600">{intro}</div> : null}
			<div className="mt-3">{children}</div>
		</section>
	)
}

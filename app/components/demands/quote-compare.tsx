import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { SubmitButton } from '#app/auth/auth-ui.tsx'
import { contentLang, displayName } from '#app/components/product-card.tsx'
import { formatDate, formatNumber } from '#app/i18n/format.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import type { OwnerMatch, QuoteView } from '#app/models/inquiry.server.ts'
import { MatchStatusBadge } from './status-badge.tsx'

export function Yuan({ value }: { value: number | null }) {
	const { t } = useTranslation(['demands', 'common'])
	const locale = useAppLocale()
	if (value == null) return <>{t('common:none')}</>
	return <>{t('quotes.yuan', { value: formatNumber(locale, value) })}</>
}

/** One quote's facts (the maker's own view, and each row of the comparison on phones). */
export function QuoteFacts({ quote }: { quote: QuoteView }) {
	const { t } = useTranslation(['demands', 'common'])
	const locale = useAppLocale()
	const none = t('common:none')
	if (quote.status === 'declined')
		return <p className="text-sm text-slate-700">{t('quotes.declined', { reason: quote.declineReason ?? '' })}</p>
	return (
		<dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
			<dt className="text-slate-600">{t('quotes.unitPrice')}</dt>
			<dd>
				<Yuan value={quote.unitPrice} />
			</dd>
			<dt className="text-slate-600">{t('quotes.totalPrice')}</dt>
			<dd className="font-semibold text-slate-900">
				<Yuan value={quote.totalPrice} />
			</dd>
			<dt className="text-slate-600">{t('quotes.deliveryDate')}</dt>
			<dd>{quote.deliveryDate ? formatDate(locale, quote.deliveryDate) : none}</dd>
			<dt className="text-slate-600">{t('quotes.validUntil')}</dt>
			<dd>{quote.validUntil ? formatDate(locale, quote.validUntil) : none}</dd>
			<dt className="text-slate-600">{t('quotes.note')}</dt>
			<dd lang={contentLang(locale)} className="break-anywhere whitespace-pre-line">
				{quote.note ?? none}
			</dd>
			<dt className="text-slate-600">{t('quotes.attachment')}</dt>
			<dd>
				{quote.attachmentHref ? (
					<a href={quote.attachmentHref} className="link" download>
						{t('quotes.download')}
					</a>
				) : (
					none
				)}
			</dd>
		</dl>
	)
}

/**
 * The quotes side by side: one column per maker on wide screens (a table with the facts as rows,
 * so prices line up), a stack of cards on phones. The buyer picks one with a plain POST.
 */
export function QuoteCompare({ matches, canChoose }: { matches: OwnerMatch[]; canChoose: boolean }) {
	const { t } = useTranslation(['demands', 'common'])
	const locale = useAppLocale()
	const answered = matches.filter((m) => m.quote)
	if (answered.length === 0) return <p className="text-sm text-slate-600">{t('quotes.empty')}</p>
	const none = t('common:none')
	const rows: Array<{ label: string; cell: (q: QuoteView) => ReactNode }> = [
		{ label: t('quotes.unitPrice'), cell: (q) => <Yuan value={q.unitPrice} /> },
		{
			label: t('quotes.totalPrice'),
			cell: (q) => (
				<strong className="text-slate-900">
					<Yuan value={q.totalPrice} />
				</strong>
			),
		},
		{ label: t('quotes.deliveryDate'), cell: (q) => (q.deliveryDate ? formatDate(locale, q.deliveryDate) : none) },
		{ label: t('quotes.validUntil'), cell: (q) => (q.validUntil ? formatDate(locale, q.validUntil) : none) },
		{
			label: t('quotes.note'),
			cell: (q) => (
				<span lang={contentLang(locale)} className="break-anywhere whitespace-pre-line">
					{q.note ?? none}
				</span>
			),
		},
		{
			label: t('quotes.attachment'),
			cell: (q) =>
				q.attachmentHref ? (
					<a href={q.attachmentHref} className="link" download>
						{t('quotes.download')}
					</a>
				) : (
					none
				),
		},
	]
	const choose = (m: OwnerMatch) =>
		canChoose && m.quote?.status === 'sent' && m.status === 'quoted' ? (
			<Form method="post" preventScrollReset>
				<input type="hidden" name="intent" value="won" />
				<input type="hidden" name="matchId" value={m.id} />
				<SubmitButton className="btn-primary w-full text-sm">{t('quotes.markWon')}</SubmitButton>
			</Form>
		) : null
	return (
		<>
			<div className="hidden overflow-x-auto md:block">
				<table className="w-full border-collapse text-sm">
					<caption className="sr-only">{t('quotes.heading')}</caption>
					<thead>
						<tr>
							<th
								scope="col"
								className="w-32 border border-slate-200 bg-slate-50 px-3 py-2 text-left font-semibold text-slate-700"
							>
								{t('quotes.maker')}
							</th>
							{answered.map((m) => (
								<th
									key={m.id}
									scope="col"
									className="border border-slate-200 bg-slate-50 px-3 py-2 text-left align-top font-semibold text-slate-900"
								>
									<span className="block">{displayName(locale, m.product.org.name, m.product.org.nameEn).primary}</span>
									<span className="block text-xs font-normal text-slate-600">
										{displayName(locale, m.product.name, m.product.nameEn).primary}
									</span>
									<span className="mt-1 inline-block">
										<MatchStatusBadge status={m.status} />
									</span>
								</th>
							))}
						</tr>
					</thead>
					<tbody>
						{rows.map((row) => (
							<tr key={row.label}>
								<th scope="row" className="border border-slate-200 px-3 py-2 text-left font-normal text-slate-600">
									{row.label}
								</th>
								{answered.map((m) => (
									<td key={m.id} className="border border-slate-200 px-3 py-2 align-top">
										{m.quote!.status === 'declined'
											? row === rows[0]
												? t('quotes.declined', { reason: m.quote!.declineReason ?? '' })
												: null
											: row.cell(m.quote!)}
									</td>
								))}
							</tr>
						))}
						{canChoose ? (
							<tr>
								<td className="border border-slate-200" />
								{answered.map((m) => (
									<td key={m.id} className="border border-slate-200 px-3 py-2">
										{choose(m)}
									</td>
								))}
							</tr>
						) : null}
					</tbody>
				</table>
			</div>
			<ul className="space-y-3 md:hidden">
				{answered.map((m) => (
					<li key={m.id} className="rounded-md border border-slate-200 p-3">
						<p className="flex flex-wrap items-center justify-between gap-2">
							<span className="font-semibold text-slate-900">
								{displayName(locale, m.product.org.name, m.product.org.nameEn).primary}
							</span>
							<MatchStatusBadge status={m.status} />
						</p>
						<p className="mb-2 text-xs text-slate-600">
							{displayName(locale, m.product.name, m.product.nameEn).primary}
						</p>
						<QuoteFacts quote={m.quote!} />
						<div className="mt-3">{choose(m)}</div>
					</li>
				))}
			</ul>
		</>
	)
}

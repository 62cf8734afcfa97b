import { Form, Link } from '@remix-run/react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { SubmitButton } from '#app/auth/auth-ui.tsx'
import { FieldErrors, FormAlert, replyErrors } from '#app/components/form/form-kit.tsx'
import { contentLang, displayName } from '#app/components/product-card.tsx'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { CLOSE_REASONS, DEMAND_ERROR_VALUES, DEMAND_LIMITS } from '#app/models/demand.schema.ts'
import type { DemandPage } from '#app/models/inquiry.server.ts'
import { DemandFacts, OldEquipmentFacts } from './demand-facts.tsx'
import { DemandHeader, DemandStateNotice, Section } from './demand-header.tsx'
import { MatchCard, ScoreBar } from './match-card.tsx'
import { QuoteCompare } from './quote-compare.tsx'

type OwnerPage = Extract<DemandPage, { view: 'owner' }>
export type ActionReply = {
	result?: { error?: Record<string, string[] | null> | null; initialValue?: Record<string, unknown> | null } | null
	intent?: string | null
	matchId?: number | null
}

function InquiryForm({ page, reply }: { page: OwnerPage; reply: ActionReply | undefined }) {
	const { t } = useTranslation(['demands', 'common'])
	const locale = useAppLocale()
	const id = useId()
	const candidates = page.matches.filter((m) => m.status === 'shortlisted')
	const mine = reply?.intent === 'inquire' ? reply.result : null
	const initial = (mine?.initialValue ?? {}) as Record<string, unknown>
	const chosen = new Set([initial.matchIds].flat().filter((v): v is string => typeof v === 'string'))
	const text = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback)
	if (candidates.length === 0) return <p className="text-sm text-slate-600">{t('inquiry.none')}</p>
	return (
		<Form method="post" preventScrollReset className="space-y-4">
			<input type="hidden" name="intent" value="inquire" />
			<FormAlert ns="demands" values={DEMAND_ERROR_VALUES} className="mb-4" errors={replyErrors(mine, '')} />
			<fieldset>
				<legend className="mb-2 text-sm font-medium text-slate-800">{t('inquiry.pick')}</legend>
				<ul className="space-y-2">
					{candidates.map((m) => (
						<li key={m.id}>
							<label className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-300 bg-white p-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
								<input
									type="checkbox"
									name="matchIds"
									value={m.id}
									defaultChecked={chosen.size === 0 || chosen.has(String(m.id))}
									className="mt-1 size-4 accent-brand-700"
								/>
								<span className="min-w-0 flex-1">
									<span className="block font-medium text-slate-900">
										{displayName(locale, m.product.org.name, m.product.org.nameEn).primary}
									</span>
									<span className="block text-sm text-slate-600">
										{displayName(locale, m.product.name, m.product.nameEn).primary}
									</span>
								</span>
								<ScoreBar score={m.score} />
							</label>
						</li>
					))}
				</ul>
				<FieldErrors ns="demands" values={DEMAND_ERROR_VALUES} errors={replyErrors(mine, 'matchIds')} />
			</fieldset>
			<div>
				<label htmlFor={`${id}-message`} className="mb-1.5 block text-sm font-medium text-slate-800">
					{t('inquiry.message')}
				</label>
				<textarea
					id={`${id}-message`}
					name="message"
					rows={3}
					required
					maxLength={DEMAND_LIMITS.inquiryMessage}
					defaultValue={text(initial.message)}
					placeholder={t('inquiry.messagePlaceholder')}
					className="input"
				/>
				<FieldErrors ns="demands" values={DEMAND_ERROR_VALUES} errors={replyErrors(mine, 'message')} />
			</div>
			<div className="grid gap-4 sm:grid-cols-2">
				<div>
					<label htmlFor={`${id}-qty`} className="mb-1.5 block text-sm font-medium text-slate-800">
						{t('inquiry.quantity')}
					</label>
					<input
						id={`${id}-qty`}
						name="quantity"
						type="number"
						min={1}
						max={DEMAND_LIMITS.quantity}
						required
						defaultValue={text(initial.quantity, String(page.demand.quantity))}
						className="input"
					/>
					<FieldErrors ns="demands" values={DEMAND_ERROR_VALUES} errors={replyErrors(mine, 'quantity')} />
				</div>
				<div>
					<label htmlFor={`${id}-date`} className="mb-1.5 block text-sm font-medium text-slate-800">
						{t('inquiry.wantedDate')}
					</label>
					<input
						id={`${id}-date`}
						name="wantedDate"
						type="date"
						required
						defaultValue={text(initial.wantedDate, page.demand.neededBy ?? '')}
						className="input"
					/>
					<FieldErrors ns="demands" values={DEMAND_ERROR_VALUES} errors={replyErrors(mine, 'wantedDate')} />
				</div>
			</div>
			<p className="text-sm text-slate-600">
				{t('inquiry.today', { used: page.inquiriesToday, limit: page.dailyLimit })}
			</p>
			<SubmitButton className="btn-primary">{t('inquiry.submit')}</SubmitButton>
		</Form>
	)
}

function OwnerActions({ page, reply }: { page: OwnerPage; reply: ActionReply | undefined }) {
	const { t } = useTranslation('demands')
	const id = useId()
	const d = page.demand
	const live = d.status === 'open' || d.status === 'matched'
	const editable = d.status === 'draft' || live || (d.status === 'closed' && d.closeReason === 'expired')
	const mine =
		reply && ['publish', 'close', 'won', 'shortlist', 'unshortlist'].includes(reply.intent ?? '') ? reply.result : null
	if (!editable && !mine) return null
	return (
		<div className="mt-4 space-y-3 border-t border-slate-100 pt-4">
			<FormAlert
				ns="demands"
				values={DEMAND_ERROR_VALUES}
				className="mb-4"
				errors={[
					...(replyErrors(mine, '') ?? []),
					...(replyErrors(mine, 'reason') ?? []),
					...(replyErrors(mine, 'matchId') ?? []),
				]}
			/>
			<div className="flex flex-wrap items-center gap-3">
				{d.status === 'draft' ? (
					<Form method="post">
						<input type="hidden" name="intent" value="publish" />
						<SubmitButton className="btn-primary">{t('owner.publish')}</SubmitButton>
					</Form>
				) : null}
				{d.status === 'closed' && d.closeReason === 'expired' ? (
					<Form method="post">
						<input type="hidden" name="intent" value="publish" />
						<SubmitButton className="btn-primary">{t('owner.reopen')}</SubmitButton>
					</Form>
				) : null}
				{editable ? (
					<Link to={`/demands/${d.id}/edit`} className="btn-secondary">
						{t('owner.edit')}
					</Link>
				) : null}
			</div>
			{d.status === 'closed' && d.closeReason === 'expired' ? (
				<p className="text-sm text-slate-600">{t('owner.reopenHint')}</p>
			) : null}
			{live || d.status === 'draft' ? (
				<Form method="post" className="flex flex-wrap items-end gap-2">
					<input type="hidden" name="intent" value="close" />
					<div>
						<label htmlFor={`${id}-reason`} className="mb-1 block text-sm font-medium text-slate-800">
							{t('owner.closeReason')}
						</label>
						<select id={`${id}-reason`} name="reason" className="input" defaultValue="cancelled">
							{CLOSE_REASONS.filter((r) => d.status !== 'draft' || r === 'cancelled').map((r) => (
								<option key={r} value={r}>
									{t(`closeReason.${r}`)}
								</option>
							))}
						</select>
					</div>
					<SubmitButton className="btn-secondary">{t('owner.close')}</SubmitButton>
					<p className="w-full text-xs text-slate-600">{t('owner.closeHint')}</p>
				</Form>
			) : null}
		</div>
	)
}

/** /demands/:id for the owner's organization (and, read-only, for administrators). */
export function OwnerView({ page, reply }: { page: OwnerPage; reply: ActionReply | undefined }) {
	const { t } = useTranslation(['demands', 'common'])
	const locale = useAppLocale()
	const d = page.demand
	const live = (d.status === 'open' || d.status === 'matched') && !d.expired
	const inProgress = page.matches.filter((m) => m.status !== 'suggested')
	const suggested = page.matches.filter((m) => m.status === 'suggested')
	const hasQuotes = page.matches.some((m) => m.quote)
	const messageErrors = (matchId: number) =>
		reply?.intent === 'message' && reply.matchId === matchId
			? (replyErrors(reply.result, 'body') ?? replyErrors(reply.result, ''))
			: null
	return (
		<div className="space-y-6">
			<DemandHeader demand={d}>
				{page.canAct ? (
					<OwnerActions page={page} reply={reply} />
				) : (
					<p className="mt-3 text-sm text-slate-600">{t('owner.adminNote')}</p>
				)}
			</DemandHeader>
			<DemandStateNotice demand={d} />
			{d.financing === 'leasing' && d.status !== 'draft' ? (
				<div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-teal-200 bg-teal-50 px-4 py-3 text-sm text-teal-950">
					<p>{t('owner.leasingNote')}</p>
					<Link to={`/demands/${d.id}/leasing`} className="btn-primary shrink-0">
						{t('owner.leasingLink')}
					</Link>
				</div>
			) : null}
			{page.canAct && page.missing.length > 0 && d.status !== 'closed' && d.status !== 'cancelled' ? (
				<div className="rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-900">
					<p className="font-medium">{t('owner.missingHeading')}</p>
					<ul className="mt-1 list-disc pl-5">
						{page.missing.map((m) => (
							<li key={m}>{t(`owner.missing.${m}`)}</li>
						))}
					</ul>
				</div>
			) : null}
			<div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
				<div className="min-w-0 space-y-6">
					{hasQuotes ? (
						<Section
							id="quotes"
							title={t('quotes.heading')}
							intro={page.canAct && live ? t('quotes.intro') : undefined}
						>
							<QuoteCompare
								matches={page.matches}
								canChoose={page.canAct && (d.status === 'open' || d.status === 'matched')}
							/>
						</Section>
					) : null}
					{page.canAct && live ? (
						<Section id="inquiry" title={t('inquiry.heading')} intro={t('inquiry.intro')}>
							<InquiryForm page={page} reply={reply} />
						</Section>
					) : null}
					<section aria-labelledby="matches" className="space-y-3">
						<div>
							<h2 id="matches" className="text-lg font-semibold text-slate-900">
								{t('matches.heading')}
							</h2>
							<p className="mt-1 text-sm text-slate-600">
								{d.status === 'draft' ? t('matches.draft') : t('matches.intro')}
							</p>
						</div>
						{page.matches.length === 0 && d.status !== 'draft' ? (
							<p className="card p-5 text-sm text-slate-600">{t('matches.empty')}</p>
						) : null}
						{inProgress.length > 0 ? (
							<>
								<h3 className="pt-2 text-sm font-semibold tracking-wide text-slate-600">{t('matches.shortlisted')}</h3>
								<ul className="space-y-3">
									{inProgress.map((m) => (
										<li key={m.id}>
											<MatchCard match={m} canAct={page.canAct} live={live} messageErrors={messageErrors(m.id)} />
										</li>
									))}
								</ul>
							</>
						) : null}
						{suggested.length > 0 ? (
							<>
								{inProgress.length > 0 ? (
									<h3 className="pt-2 text-sm font-semibold tracking-wide text-slate-600">{t('matches.suggested')}</h3>
								) : null}
								<ul className="space-y-3">
									{suggested.map((m) => (
										<li key={m.id}>
											<MatchCard match={m} canAct={page.canAct} live={live} />
										</li>
									))}
								</ul>
							</>
						) : null}
					</section>
				</div>
				<aside className="space-y-6">
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
					<p className="text-sm text-slate-600">{t('detail.privacy')}</p>
				</aside>
			</div>
		</div>
	)
}

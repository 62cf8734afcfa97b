import { Form } from '@remix-run/react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { SubmitButton } from '#app/auth/auth-ui.tsx'
import { FieldErrors } from '#app/components/form/form-kit.tsx'
import { contentLang } from '#app/components/product-card.tsx'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { DEMAND_ERROR_VALUES, DEMAND_LIMITS } from '#app/models/demand.schema.ts'
import type { ThreadMessage } from '#app/models/inquiry.server.ts'

function when(locale: string, iso: string): string {
	const d = new Date(iso)
	if (Number.isNaN(d.getTime())) return iso
	return new Intl.DateTimeFormat(locale, {
		month: 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		timeZone: 'Asia/Shanghai',
	}).format(d)
}

/**
 * A match's message thread and its form (a plain POST: works without JavaScript). `hidden` are
 * the fields that say which match the message belongs to on pages with several threads.
 */
export function MessageThread({
	messages,
	hidden,
	errors,
	defaultBody,
	canPost = true,
}: {
	messages: ThreadMessage[]
	hidden: Record<string, string>
	errors?: string[] | null
	defaultBody?: string
	canPost?: boolean
}) {
	const { t } = useTranslation('demands')
	const locale = useAppLocale()
	const id = useId()
	return (
		<div className="space-y-3">
			{messages.length === 0 ? (
				<p className="text-sm text-slate-600">{t('thread.empty')}</p>
			) : (
				<ol className="space-y-2">
					{messages.map((m) => (
						<li key={m.id} className={`flex ${m.mine ? 'justify-end' : 'justify-start'}`}>
							<div
								className={`max-w-[85%] rounded-lg px-3 py-2 text-sm ${m.mine ? 'bg-brand-50 text-slate-900 ring-1 ring-brand-100' : 'bg-slate-100 text-slate-900'}`}
							>
								<p className="text-xs text-slate-600">
									{m.mine ? t('thread.you') : t(`thread.${m.side}`)} ·{' '}
									<time dateTime={m.createdAt}>{when(locale, m.createdAt)}</time>
								</p>
								<p lang={contentLang(locale)} className="break-anywhere mt-0.5 whitespace-pre-line">
									{m.body}
								</p>
							</div>
						</li>
					))}
				</ol>
			)}
			{canPost ? (
				<Form method="post" className="space-y-2" preventScrollReset>
					<input type="hidden" name="intent" value="message" />
					{Object.entries(hidden).map(([k, v]) => (
						<input key={k} type="hidden" name={k} value={v} />
					))}
					<label htmlFor={id} className="block text-sm font-medium text-slate-800">
						{t('thread.label')}
					</label>
					<textarea
						id={id}
						name="body"
						rows={2}
						required
						maxLength={DEMAND_LIMITS.message}
						defaultValue={defaultBody}
						placeholder={t('thread.placeholder')}
						aria-invalid={errors?.length ? true : undefined}
						aria-describedby={errors?.length ? `${id}-errors` : undefined}
						className="input"
					/>
					<FieldErrors ns="demands" values={DEMAND_ERROR_VALUES} id={`${id}-errors`} errors={errors} />
					<SubmitButton className="btn-secondary">{t('thread.send')}</SubmitButton>
				</Form>
			) : null}
		</div>
	)
}

import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * The leasing forms' small kit: label, control, hint and errors wired with aria-describedby. Schema
 * messages are `errors.*` keys of the `leasing` namespace; an unknown one reads as the generic error.
 */

/** Translates a schema or model message key of the leasing namespace. */
export function useLeasingErrorText(): (message: string) => string {
	const { t, i18n } = useTranslation('leasing')
	return (message) =>
		/^errors\.[A-Za-z.]+$/.test(message) && i18n.exists(message, { ns: 'leasing' }) ? t(message) : t('errors.invalid')
}

export function LeasingErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
	const text = useLeasingErrorText()
	if (!errors?.length) return null
	return (
		<ul id={id} className="mt-1.5 space-y-0.5 text-sm text-red-700">
			{[...new Set(errors)].map((e) => (
				<li key={e}>{text(e)}</li>
			))}
		</ul>
	)
}

/** Form-level problems, announced to screen readers. */
export function LeasingFormAlert({ id, errors }: { id?: string; errors?: string[] | null }) {
	const text = useLeasingErrorText()
	if (!errors?.length) return null
	return (
		<div
			id={id}
			role="alert"
			className="mb-5 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800"
		>
			{[...new Set(errors)].map((e) => (
				<p key={e}>{text(e)}</p>
			))}
		</div>
	)
}

type FieldMeta = { id: string; errorId: string; descriptionId: string; errors?: string[] | null }

export function LeasingField({
	meta,
	label,
	hint,
	optional = false,
	children,
}: {
	meta: FieldMeta
	label: string
	hint?: string
	optional?: boolean
	children: ReactNode
}) {
	const { t } = useTranslation('leasing')
	return (
		<div className="min-w-0">
			<label htmlFor={meta.id} className="mb-1.5 block text-sm font-medium text-slate-800">
				{label}
				{optional ? <span className="ml-1 font-normal text-slate-500">{t('form.optionalMark')}</span> : null}
			</label>
			{children}
			{hint ? (
				<p id={meta.descriptionId} className="mt-1 text-sm text-slate-600">
					{hint}
				</p>
			) : null}
			<LeasingErrorList id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

/** A success or information line at the top of a page (after a redirect). */
export function LeasingNotice({
	children,
	tone = 'success',
}: {
	children: ReactNode
	tone?: 'success' | 'info' | 'warning'
}) {
	const styles = {
		success: 'border-emerald-300 bg-emerald-50 text-emerald-900',
		info: 'border-brand-100 bg-brand-50 text-brand-900',
		warning: 'border-amber-300 bg-amber-50 text-amber-900',
	}[tone]
	return (
		<div role="status" className={`mb-5 rounded-md border px-4 py-3 text-sm leading-relaxed ${styles}`}>
			{children}
		</div>
	)
}

import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * The workspace's small form kit. Schema messages are `errors.*` keys of the `workspace`
 * namespace; anything else (a message we did not write) shows as the generic one rather than raw.
 */
export function useErrorText(): (message: string) => string {
	const { t, i18n } = useTranslation('workspace')
	return (message) =>
		/^errors\.[A-Za-z]+$/.test(message) && i18n.exists(`workspace:${message}`) ? t(message) : t('errors.invalid')
}

export function FieldErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
	const text = useErrorText()
	if (!errors?.length) return null
	const shown = [...new Set(errors.map(text))]
	return (
		<ul id={id} className="mt-1.5 space-y-0.5 text-sm text-red-700">
			{shown.map((e) => (
				<li key={e}>{e}</li>
			))}
		</ul>
	)
}

/** Form-level problems, announced to screen readers. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
	const text = useErrorText()
	if (!errors?.length) return null
	const shown = [...new Set(errors.map(text))]
	return (
		<div id={id} role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800">
			{shown.map((m) => (
				<p key={m}>{m}</p>
			))}
		</div>
	)
}

export function Flash({ children, tone = 'success' }: { children: ReactNode; tone?: 'success' | 'info' | 'warning' }) {
	const styles = {
		success: 'border-emerald-300 bg-emerald-50 text-emerald-900',
		info: 'border-brand-100 bg-brand-50 text-brand-900',
		warning: 'border-amber-300 bg-amber-50 text-amber-900',
	}[tone]
	return (
		<div role="status" className={`rounded-md border px-4 py-3 text-sm leading-relaxed ${styles}`}>
			{children}
		</div>
	)
}

type FieldMeta = { id: string; errorId: string; descriptionId: string; errors?: string[] | null }

/** Label, control, hint and errors, wired with aria-describedby (conform sets aria-invalid). */
export function Field({
	meta,
	label,
	hint,
	optional = false,
	children,
	className = '',
}: {
	meta: FieldMeta
	label: string
	hint?: string
	optional?: boolean
	children: ReactNode
	className?: string
}) {
	const { t } = useTranslation('workspace')
	return (
		<div className={className}>
			<label htmlFor={meta.id} className="mb-1.5 block text-sm font-medium text-slate-800">
				{label}
				{optional ? <span className="ml-1 font-normal text-slate-500">（{t('form.optional')}）</span> : null}
			</label>
			{children}
			{hint ? (
				<p id={meta.descriptionId} className="mt-1 text-sm text-slate-600">
					{hint}
				</p>
			) : null}
			<FieldErrors id={meta.errorId} errors={meta.errors} />
		</div>
	)
}

/** True once React runs in the browser: controls that need JavaScript render only then. */
export function useHydrated(): boolean {
	const [hydrated, setHydrated] = useState(false)
	useEffect(() => setHydrated(true), [])
	return hydrated
}

import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * The small conform helpers every form shares. Schemas and models answer with `errors.*` keys of
 * their area's namespace (`demands`, `leasing`, `workspace`), so one schema speaks both languages;
 * the namespace comes from the caller.
 */

type Errors = string[] | null | undefined
type Values = Record<string, unknown>
type ErrorProps = { ns: string; id?: string; errors?: Errors; values?: Values }
type FieldMeta = { id: string; errorId: string; descriptionId: string; errors?: string[] | null }

/** Translates error keys; a message we did not write shows as the generic one rather than raw. */
export function useErrorText(ns: string, values?: Values): (message: string) => string {
	const { t, i18n } = useTranslation(ns)
	return (message) =>
		/^errors\.[A-Za-z.]+$/.test(message) && i18n.exists(`${ns}:${message}`)
			? t(message, values)
			: t(`${ns}:errors.invalid`)
}

/** Deduplicated after translation: two keys may read the same, and the reader needs it once. */
function useShown(ns: string, errors: Errors, values?: Values): string[] {
	const text = useErrorText(ns, values)
	return errors?.length ? [...new Set(errors.map(text))] : []
}

/** A field's errors, under the control that names this list's id in aria-describedby. */
export function FieldErrors({ ns, id, errors, values }: ErrorProps) {
	const shown = useShown(ns, errors, values)
	if (!shown.length) return null
	return (
		<ul id={id} className="mt-1.5 space-y-0.5 text-sm text-red-700">
			{shown.map((m) => (
				<li key={m}>{m}</li>
			))}
		</ul>
	)
}

/** Form-level problems, announced to screen readers. */
export function FormAlert({ ns, id, errors, values, className }: ErrorProps & { className?: string }) {
	return <AlertMessages id={id} messages={useShown(ns, errors, values)} className={className} />
}

/** The alert box for messages already in the reader's language (nothing when there are none). */
export function AlertMessages({ id, messages, className }: { id?: string; messages: string[]; className?: string }) {
	if (!messages.length) return null
	return (
		<div
			id={id}
			role="alert"
			className={classes(className, 'rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800')}
		>
			{messages.map((m) => (
				<p key={m}>{m}</p>
			))}
		</div>
	)
}

/**
 * Label, control, hint and errors, wired with aria-describedby by the control's props (conform sets
 * aria-invalid). A form marks whichever of required or optional fields is the exception.
 */
export function Field({
	ns,
	meta,
	label,
	hint,
	mark,
	className,
	values,
	children,
}: {
	ns: string
	meta: FieldMeta
	label: string
	hint?: string
	mark?: 'required' | 'optional'
	className?: string
	values?: Values
	children: ReactNode
}) {
	const { t } = useTranslation('common')
	return (
		<div className={className}>
			<label htmlFor={meta.id} className="mb-1.5 block text-sm font-medium text-slate-800">
				{label}
				{mark === 'required' ? (
					<>
						<span className="ml-0.5 text-red-700" aria-hidden="true">
							*
						</span>
						<span className="sr-only">{t('form.required')}</span>
					</>
				) : null}
				{mark === 'optional' ? <span className="ml-1 font-normal text-slate-500">{t('form.optional')}</span> : null}
			</label>
			{children}
			{hint ? (
				<p id={meta.descriptionId} className="mt-1 text-sm text-slate-600">
					{hint}
				</p>
			) : null}
			<FieldErrors ns={ns} id={meta.errorId} errors={meta.errors} values={values} />
		</div>
	)
}

/** A success or information line at the top of a page, typically after a redirect. */
export function Notice({
	tone = 'success',
	className,
	children,
}: {
	tone?: 'success' | 'info' | 'warning'
	className?: string
	children: ReactNode
}) {
	const styles = {
		success: 'border-emerald-300 bg-emerald-50 text-emerald-900',
		info: 'border-brand-100 bg-brand-50 text-brand-900',
		warning: 'border-amber-300 bg-amber-50 text-amber-900',
	}[tone]
	return (
		<div role="status" className={classes(className, `rounded-md border px-4 py-3 text-sm leading-relaxed ${styles}`)}>
			{children}
		</div>
	)
}

/** Field errors of a conform reply by name, for the small forms that do not use useForm. */
export function replyErrors(
	result: { error?: Record<string, string[] | null> | null } | null | undefined,
	name: string,
): string[] | null {
	return result?.error?.[name] ?? null
}

/** True once React runs in the browser: controls that need JavaScript render only then. */
export function useHydrated(): boolean {
	const [hydrated, setHydrated] = useState(false)
	useEffect(() => setHydrated(true), [])
	return hydrated
}

function classes(extra: string | undefined, base: string): string {
	return extra ? `${extra} ${base}` : base
}

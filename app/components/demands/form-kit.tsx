import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { INQUIRY_DAILY_LIMIT } from '#app/models/demand.schema.ts'

/**
 * The small form kit of the demand pages. Errors arrive as `errors.*` keys of the `demands`
 * namespace (from the zod schemas and from the models' refusals), so one schema answers in
 * Chinese or English.
 */

/** Translates an error key; anything unexpected becomes the generic message. */
export function useDemandErrorText(): (message: string) => string {
	const { t } = useTranslation('demands')
	return (message) =>
		/^errors\.[A-Za-z]+$/.test(message) ? t(message, { limit: INQUIRY_DAILY_LIMIT }) : t('errors.invalid')
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
	const text = useDemandErrorText()
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
export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
	const text = useDemandErrorText()
	if (!errors?.length) return null
	return (
		<div
			id={id}
			role="alert"
			className="mb-4 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800"
		>
			{[...new Set(errors)].map((e) => (
				<p key={e}>{text(e)}</p>
			))}
		</div>
	)
}

type FieldMeta = { id: string; errorId: string; descriptionId: string; errors?: string[] | null }

/** Label, control, hint and errors, wired with aria-describedby by the control's props. */
export function Field({
	meta,
	label,
	hint,
	required = false,
	children,
	className,
}: {
	meta: FieldMeta
	label: string
	hint?: string
	required?: boolean
	children: ReactNode
	className?: string
}) {
	const { t } = useTranslation('demands')
	return (
		<div className={className}>
			<label htmlFor={meta.id} className="mb-1.5 block text-sm font-medium text-slate-800">
				{label}
				{required ? (
					<span className="ml-0.5 text-red-700" aria-hidden="true">
						*
					</span>
				) : null}
				{required ? <span className="sr-only">（{t('form.required')}）</span> : null}
			</label>
			{children}
			{hint ? (
				<p id={meta.descriptionId} className="mt-1 text-sm text-slate-600">
					{hint}
				</p>
			) : null}
			<ErrorList id={meta.errorId} errors={meta.errors} />
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

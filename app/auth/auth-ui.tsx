import { getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ZodTypeAny } from 'zod'
import { HONEYPOT_FIELD } from './honeypot-field.tsx'

/**
 * The small form kit of the sign-in and account pages, on the site's own classes (card, input,
 * btn-primary, link from styles/tailwind.css). Errors arrive as `errors.*` keys of the `auth`
 * namespace from the shared zod schemas, so one schema answers in Chinese or English.
 */

/**
 * Client-side validation with the server's schema. The honeypot is not part of any schema (the
 * server checks and removes it first), so it is dropped here too before the strict parse.
 */
export function validateForm<Schema extends ZodTypeAny>(formData: FormData, schema: Schema) {
	formData.delete(HONEYPOT_FIELD)
	return parseWithZod(formData, { schema })
}

/** Translates a schema message key; anything unexpected becomes the generic message. */
export function useErrorText(): (message: string) => string {
	const { t } = useTranslation('auth')
	return (message) => (/^errors\.[A-Za-z]+$/.test(message) ? t(message) : t('errors.invalid'))
}

export function AuthPage({
	title,
	intro,
	children,
	wide = false,
}: {
	title: string
	intro?: ReactNode
	children: ReactNode
	wide?: boolean
}) {
	return (
		<div className={`mx-auto px-4 py-8 sm:py-12 ${wide ? 'max-w-3xl' : 'max-w-md'}`}>
			<div className="card p-6 sm:p-8">
				<h1 className="text-2xl font-bold text-slate-900">{title}</h1>
				{intro ? <div className="mt-2 leading-relaxed text-slate-700">{intro}</div> : null}
				<div className="mt-6">{children}</div>
			</div>
		</div>
	)
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
	const text = useErrorText()
	if (!errors?.length) return null
	return (
		<ul id={id} className="mt-1.5 space-y-0.5 text-sm text-red-700">
			{errors.map((e) => (
				<li key={e}>{text(e)}</li>
			))}
		</ul>
	)
}

/** Form-level problems (wrong password, rate limit) announced to screen readers. */
export function FormAlert({ id, messages }: { id?: string; messages: Array<string | null | undefined> }) {
	const shown = messages.filter((m): m is string => !!m)
	if (shown.length === 0) return null
	return (
		<div
			id={id}
			role="alert"
			className="mb-5 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800"
		>
			{shown.map((m) => (
				<p key={m}>{m}</p>
			))}
		</div>
	)
}

export function Notice({ children, tone = 'success' }: { children: ReactNode; tone?: 'success' | 'info' | 'warning' }) {
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

type FieldMeta = { id: string; errorId: string; descriptionId: string; errors?: string[] | null }

/** Label, control, hint and errors, wired with aria-describedby / aria-invalid. */
export function Field({
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
	const { t } = useTranslation('auth')
	return (
		<div>
			<label htmlFor={meta.id} className="mb-1.5 block text-sm font-medium text-slate-800">
				{label}
				{optional ? <span className="ml-1 font-normal text-slate-500">（{t('common.optional')}）</span> : null}
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

/** Disabled while this page's form is submitting, so a double click sends one request. */
export function SubmitButton({
	children,
	name,
	value,
	className = 'btn-primary w-full',
}: {
	children: ReactNode
	name?: string
	value?: string
	className?: string
}) {
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting' && (name === undefined || navigation.formData?.get(name) === value)
	return (
		<button type="submit" name={name} value={value} className={`${className} disabled:opacity-60`} disabled={busy}>
			{children}
		</button>
	)
}

type InputField = Parameters<typeof getInputProps>[0]

/**
 * conform's input props without `key` (React warns when a key is spread; put `key={field.key}`
 * on the element), with the hint in aria-describedby next to the errors conform adds.
 */
export function inputProps(
	field: InputField,
	type: 'text' | 'password' | 'email' | 'tel' | 'checkbox',
	hasHint = false,
) {
	const ariaDescribedBy = hasHint ? field.descriptionId : undefined
	const { key: _key, ...props } =
		type === 'checkbox'
			? getInputProps(field, { type, ariaDescribedBy })
			: getInputProps(field, { type, ariaDescribedBy })
	return props
}

/** Form-level messages: schema keys (errors.*), page keys (login.invalid) and the rate limit. */
export function useFormMessages(errors: string[] | undefined, retryAfter?: number | null): string[] {
	const { t } = useTranslation('auth')
	const errorText = useErrorText()
	return (errors ?? []).map((e) =>
		e === 'rateLimited'
			? t('rateLimited', { seconds: retryAfter ?? 60 })
			: e.startsWith('errors.')
				? errorText(e)
				: t(e),
	)
}

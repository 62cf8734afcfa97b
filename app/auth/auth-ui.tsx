import { getInputProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ZodTypeAny } from 'zod'
import {
	AlertMessages,
	FieldErrors,
	Field as KitField,
	useErrorText,
	Notice as KitNotice,
} from '#app/components/form/form-kit.tsx'
import { HONEYPOT_FIELD } from './honeypot-field.tsx'

/**
 * The sign-in and account pages' form helpers: the shared kit (components/form/form-kit.tsx) bound
 * to the `auth` namespace, plus what only these pages need (honeypot-aware validation, the rate
 * limit message, a submit button that disables itself). Errors arrive as `errors.*` keys of `auth`.
 */

/**
 * Client-side validation with the server's schema. The honeypot is not part of any schema (the
 * server checks and removes it first), so it is dropped here too before the strict parse.
 */
export function validateForm<Schema extends ZodTypeAny>(formData: FormData, schema: Schema) {
	formData.delete(HONEYPOT_FIELD)
	return parseWithZod(formData, { schema })
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
	return <FieldErrors ns="auth" id={id} errors={errors} />
}

/** Form-level problems (wrong password, rate limit) announced to screen readers. */
export function FormAlert({ id, messages }: { id?: string; messages: Array<string | null | undefined> }) {
	return <AlertMessages id={id} messages={messages.filter((m): m is string => !!m)} className="mb-5" />
}

export function Notice({ children, tone = 'success' }: { children: ReactNode; tone?: 'success' | 'info' | 'warning' }) {
	return (
		<KitNotice tone={tone} className="mb-5">
			{children}
		</KitNotice>
	)
}

/** Label, control, hint and errors (the shared kit's, in the `auth` namespace). */
export function Field({
	optional = false,
	...props
}: Omit<Parameters<typeof KitField>[0], 'ns' | 'mark' | 'values'> & { optional?: boolean }) {
	return <KitField ns="auth" mark={optional ? 'optional' : undefined} {...props} />
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
	const errorText = useErrorText('auth')
	return (errors ?? []).map((e) =>
		e === 'rateLimited'
			? t('rateLimited', { seconds: retryAfter ?? 60 })
			: e.startsWith('errors.')
				? errorText(e)
				: t(e),
	)
}

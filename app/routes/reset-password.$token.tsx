import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { parseForm } from '#app/auth/form.server.ts'
import {
	AuthPage,
	Field,
	FormAlert,
	SubmitButton,
	inputProps,
	useFormMessages,
	validateForm,
} from '#app/auth/auth-ui.tsx'
import { requireSameOrigin } from '#app/auth/permissions.server.ts'
import { addressKey, consumeLimit, rateLimitRouteHeaders, tooManyRequests } from '#app/auth/rate-limit.server.ts'
import { requestMeta } from '#app/auth/request.server.ts'
import { clearSessionCookie } from '#app/auth/session.server.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { getPasswordReset, resetPassword } from '#app/models/account.server.ts'
import { ResetPasswordSchema } from '#app/models/auth.schema.ts'

export const handle = { i18n: ['auth'] }

// Keeps Retry-After on a 429 when the form was posted without JavaScript.
export const headers = rateLimitRouteHeaders

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [
		{ title: withSiteName(locale, getFixedT(locale, 'auth')('meta.reset')) },
		// The token is in the URL: never send it on in a Referer.
		{ name: 'referrer', content: 'no-referrer' },
		{ name: 'robots', content: 'noindex' },
	]
}

const HIDE = ['password', 'confirmPassword']

export async function loader({ params, context }: LoaderFunctionArgs) {
	const reset = await getPasswordReset(context.db, params.token ?? '')
	if (!reset) return data({ valid: false as const, who: null }, { status: 404 })
	return { valid: true as const, who: reset.who }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const formData = await request.formData()
	const submission = parseForm(formData, ResetPasswordSchema)
	// Guessing tokens is hopeless (256 bits), but the hashing behind a valid one is not free.
	const ipHit = await consumeLimit(context, 'resetIp', addressKey(context.clientIp))
	if (ipHit)
		return tooManyRequests(
			{ result: submission.reply({ formErrors: ['rateLimited'], hideFields: HIDE }), retryAfter: ipHit.retryAfterSec },
			ipHit,
		)
	if (submission.status !== 'success')
		return data({ result: submission.reply({ hideFields: HIDE }), retryAfter: null }, { status: 400 })
	const result = await resetPassword(context.db, params.token ?? '', submission.value.password, requestMeta(context))
	if (!result.ok) {
		const reply =
			result.error === 'invalidToken'
				? submission.reply({ formErrors: ['reset.invalid'], hideFields: HIDE })
				: submission.reply({ fieldErrors: { [result.error.field]: [result.error.message] }, hideFields: HIDE })
		return data({ result: reply, retryAfter: null }, { status: 400 })
	}
	// Every session of the account has ended, this browser's included.
	return redirect('/login?reset=1', { headers: { 'Set-Cookie': await clearSessionCookie(context.env) } })
}

export default function ResetPasswordPage() {
	const { t } = useTranslation('auth')
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'reset',
		lastResult: actionData?.result,
		constraint: getZodConstraint(ResetPasswordSchema),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => validateForm(formData, ResetPasswordSchema),
	})
	const formMessages = useFormMessages(form.errors, actionData?.retryAfter)
	if (!loaderData.valid) {
		return (
			<AuthPage title={t('reset.heading')}>
				<FormAlert messages={[t('reset.invalid')]} />
				<Link to="/forgot-password" className="btn-primary w-full">
					{t('reset.requestAgain')}
				</Link>
			</AuthPage>
		)
	}
	return (
		<AuthPage title={t('reset.heading')} intro={t('reset.intro', { who: loaderData.who })}>
			<FormAlert id={form.errorId} messages={formMessages} />
			<Form method="post" {...getFormProps(form)} className="space-y-5">
				<Field meta={fields.password} label={t('fields.newPassword')} hint={t('fields.passwordHint')}>
					<input
						key={fields.password.key}
						{...inputProps(fields.password, 'password', true)}
						autoComplete="new-password"
						className="input"
					/>
				</Field>
				<Field meta={fields.confirmPassword} label={t('fields.confirmPassword')}>
					<input
						key={fields.confirmPassword.key}
						{...inputProps(fields.confirmPassword, 'password')}
						autoComplete="new-password"
						className="input"
					/>
				</Field>
				<SubmitButton>{t('reset.submit')}</SubmitButton>
			</Form>
		</AuthPage>
	)
}

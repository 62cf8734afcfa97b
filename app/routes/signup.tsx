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
import { HoneypotField } from '#app/auth/honeypot-field.tsx'
import { checkHoneypot } from '#app/auth/honeypot.server.ts'
import { requireAnonymous, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { addressKey, consumeLimit, rateLimitRouteHeaders, tooManyRequests } from '#app/auth/rate-limit.server.ts'
import { requestMeta } from '#app/auth/request.server.ts'
import { createUserSession } from '#app/auth/session.server.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { signUp } from '#app/models/account.server.ts'
import { SignupSchema, safeRedirectPath } from '#app/models/auth.schema.ts'

export const handle = { i18n: ['auth'] }

// Keeps Retry-After on a 429 when the form was posted without JavaScript.
export const headers = rateLimitRouteHeaders

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [{ title: withSiteName(locale, getFixedT(locale, 'auth')('meta.signup')) }]
}

const HIDE = ['password', 'confirmPassword']

export async function loader({ request, context }: LoaderFunctionArgs) {
	const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'), '')
	await requireAnonymous(request, context, redirectTo || '/account')
	return { redirectTo }
}

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const formData = await request.formData()
	checkHoneypot(formData)
	const submission = parseForm(formData, SignupSchema)
	const ipHit = await consumeLimit(context, 'signupIp', addressKey(context.clientIp))
	if (ipHit) {
		return tooManyRequests(
			{ result: submission.reply({ formErrors: ['rateLimited'], hideFields: HIDE }), retryAfter: ipHit.retryAfterSec },
			ipHit,
		)
	}
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: HIDE }), retryAfter: null }, { status: 400 })
	}
	const { identifier, name, password, redirectTo } = submission.value
	const accountHit = await consumeLimit(context, 'signupAccount', `${identifier.kind}:${identifier.value}`)
	if (accountHit) {
		return tooManyRequests(
			{
				result: submission.reply({ formErrors: ['rateLimited'], hideFields: HIDE }),
				retryAfter: accountHit.retryAfterSec,
			},
			accountHit,
		)
	}
	const result = await signUp(context.db, { identifier, name, password }, requestMeta(context))
	if (!result.ok) {
		return data(
			{
				result: submission.reply({ fieldErrors: { [result.error.field]: [result.error.message] }, hideFields: HIDE }),
				retryAfter: null,
			},
			{ status: 400 },
		)
	}
	const { setCookie } = await createUserSession(context.db, context.env, result.userId)
	return redirect(safeRedirectPath(redirectTo, '/org/new'), { headers: { 'Set-Cookie': setCookie } })
}

export default function SignupPage() {
	const { t } = useTranslation('auth')
	const { redirectTo } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'signup',
		lastResult: actionData?.result,
		constraint: getZodConstraint(SignupSchema),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => validateForm(formData, SignupSchema),
	})
	const formMessages = useFormMessages(form.errors, actionData?.retryAfter)
	const loginHref = redirectTo ? `/login?${new URLSearchParams({ redirectTo })}` : '/login'
	return (
		<AuthPage title={t('signup.heading')} intro={t('signup.intro')}>
			<FormAlert id={form.errorId} messages={formMessages} />
			<Form method="post" {...getFormProps(form)} className="relative space-y-5">
				<HoneypotField label={t('common.honeypot')} />
				{redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
				<Field meta={fields.identifier} label={t('fields.identifier')} hint={t('fields.identifierHint')}>
					<input
						key={fields.identifier.key}
						{...inputProps(fields.identifier, 'text', true)}
						autoComplete="username"
						className="input"
					/>
				</Field>
				<Field meta={fields.name} label={t('fields.name')} hint={t('fields.nameHint')}>
					<input
						key={fields.name.key}
						{...inputProps(fields.name, 'text', true)}
						autoComplete="name"
						className="input"
					/>
				</Field>
				<Field meta={fields.password} label={t('fields.password')} hint={t('fields.passwordHint')}>
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
				<p className="text-sm text-slate-600">{t('signup.privacy')}</p>
				<SubmitButton>{t('signup.submit')}</SubmitButton>
			</Form>
			<p className="mt-6 text-sm text-slate-700">
				{t('signup.haveAccount')}{' '}
				<Link to={loginHref} className="link font-medium">
					{t('signup.loginLink')}
				</Link>
			</p>
		</AuthPage>
	)
}

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
	Notice,
	SubmitButton,
	inputProps,
	useFormMessages,
	validateForm,
} from '#app/auth/auth-ui.tsx'
import { requireAnonymous, requireSameOrigin } from '#app/auth/permissions.server.ts'
import {
	addressKey,
	consumeLimit,
	peekLimit,
	rateLimitRouteHeaders,
	resetLimit,
	tooManyRequests,
} from '#app/auth/rate-limit.server.ts'
import { requestMeta } from '#app/auth/request.server.ts'
import { createUserSession, destroySession, readSessionId } from '#app/auth/session.server.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { authenticate } from '#app/models/account.server.ts'
import { LoginSchema, safeRedirectPath } from '#app/models/auth.schema.ts'

export const handle = { i18n: ['auth'] }

// Keeps Retry-After on a 429 when the form was posted without JavaScript.
export const headers = rateLimitRouteHeaders

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [{ title: withSiteName(locale, getFixedT(locale, 'auth')('meta.login')) }]
}

const HIDE = ['password']

export async function loader({ request, context }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	const redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'), '')
	await requireAnonymous(request, context, redirectTo || '/account')
	return { redirectTo, reset: url.searchParams.get('reset') === '1' }
}

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const formData = await request.formData()
	const submission = parseForm(formData, LoginSchema)
	// Every POST from an address counts, valid or not: the limit is on attempts.
	const ipHit = await consumeLimit(context, 'loginIp', addressKey(context.clientIp))
	if (ipHit) {
		return tooManyRequests(
			{ result: submission.reply({ formErrors: ['rateLimited'], hideFields: HIDE }), retryAfter: ipHit.retryAfterSec },
			ipHit,
		)
	}
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: HIDE }), retryAfter: null }, { status: 400 })
	}
	const { identifier, password, redirectTo } = submission.value
	const accountKey = `${identifier.kind}:${identifier.value}`
	const accountHit = await peekLimit(context, 'loginAccount', accountKey)
	if (accountHit) {
		return tooManyRequests(
			{
				result: submission.reply({ formErrors: ['rateLimited'], hideFields: HIDE }),
				retryAfter: accountHit.retryAfterSec,
			},
			accountHit,
		)
	}
	const result = await authenticate(context.db, { identifier, password }, requestMeta(context))
	if (!result.ok) {
		await consumeLimit(context, 'loginAccount', accountKey)
		const message = result.reason === 'disabled' ? 'login.disabled' : 'login.invalid'
		return data(
			{ result: submission.reply({ formErrors: [message], hideFields: HIDE }), retryAfter: null },
			{ status: 400 },
		)
	}
	await resetLimit(context, 'loginAccount', accountKey)
	// R2: whatever session this browser carried before is ended; the new id is fresh.
	const previous = await readSessionId(request, context.env)
	if (previous) await destroySession(context.db, previous)
	const { setCookie } = await createUserSession(context.db, context.env, result.user.id)
	const to = result.user.must_change_password === 1 ? '/account?mustChange=1' : safeRedirectPath(redirectTo, '/account')
	return redirect(to, { headers: { 'Set-Cookie': setCookie } })
}

export default function LoginPage() {
	const { t } = useTranslation('auth')
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'login',
		lastResult: actionData?.result,
		constraint: getZodConstraint(LoginSchema),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => validateForm(formData, LoginSchema),
	})
	const formMessages = useFormMessages(form.errors, actionData?.retryAfter)
	const signupHref = loaderData.redirectTo
		? `/signup?${new URLSearchParams({ redirectTo: loaderData.redirectTo })}`
		: '/signup'
	return (
		<AuthPage title={t('login.heading')} intro={t('login.intro')}>
			{loaderData.reset ? <Notice>{t('reset.done')}</Notice> : null}
			<FormAlert id={form.errorId} messages={formMessages} />
			<Form method="post" {...getFormProps(form)} className="space-y-5">
				{loaderData.redirectTo ? <input type="hidden" name="redirectTo" value={loaderData.redirectTo} /> : null}
				<Field meta={fields.identifier} label={t('fields.identifier')} hint={t('fields.identifierHint')}>
					<input
						key={fields.identifier.key}
						{...inputProps(fields.identifier, 'text', true)}
						autoComplete="username"
						className="input"
					/>
				</Field>
				<Field meta={fields.password} label={t('fields.password')}>
					<input
						key={fields.password.key}
						{...inputProps(fields.password, 'password')}
						autoComplete="current-password"
						className="input"
					/>
				</Field>
				<SubmitButton>{t('login.submit')}</SubmitButton>
			</Form>
			<div className="mt-6 flex flex-wrap items-center justify-between gap-3 text-sm">
				<Link to="/forgot-password" className="link">
					{t('login.forgot')}
				</Link>
				<p className="text-slate-700">
					{t('login.noAccount')}{' '}
					<Link to={signupHref} className="link font-medium">
						{t('login.signupLink')}
					</Link>
				</p>
			</div>
		</AuthPage>
	)
}

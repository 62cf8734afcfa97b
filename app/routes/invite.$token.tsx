import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, type MetaFunction } from '@remix-run/react'
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
import { getOptionalUser, requireSameOrigin, requireUser } from '#app/auth/permissions.server.ts'
import { addressKey, consumeLimit, rateLimitRouteHeaders, tooManyRequests } from '#app/auth/rate-limit.server.ts'
import { requestMeta } from '#app/auth/request.server.ts'
import { createUserSession, destroySession, readSessionId } from '#app/auth/session.server.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { acceptInvitation, getInvitation, signUpWithInvitation } from '#app/models/account.server.ts'
import { InviteAcceptSchema, InviteSignupSchema } from '#app/models/auth.schema.ts'

export const handle = { i18n: ['auth'] }

// Keeps Retry-After on a 429 when the form was posted without JavaScript.
export const headers = rateLimitRouteHeaders

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [
		{ title: withSiteName(locale, getFixedT(locale, 'auth')('meta.invite')) },
		{ name: 'referrer', content: 'no-referrer' },
		{ name: 'robots', content: 'noindex' },
	]
}

const HIDE = ['password', 'confirmPassword']

type Viewer =
	{ state: 'anonymous' } | { state: 'canAccept' } | { state: 'wrongAccount' } | { state: 'inOrg'; orgName: string }

export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const invitation = await getInvitation(context.db, params.token ?? '')
	if (!invitation)
		return data(
			{ valid: false as const, organizationName: null, who: null, viewer: { state: 'anonymous' } as Viewer },
			{ status: 404 },
		)
	const user = await getOptionalUser(request, context)
	let viewer: Viewer = { state: 'anonymous' }
	if (user) {
		const mine = invitation.identifier.value === (invitation.identifier.kind === 'email' ? user.email : user.phone)
		viewer = !mine
			? { state: 'wrongAccount' }
			: user.organization
				? { state: 'inOrg', orgName: user.organization.name }
				: { state: 'canAccept' }
	}
	return { valid: true as const, organizationName: invitation.organizationName, who: invitation.who, viewer }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const token = params.token ?? ''
	const formData = await request.formData()
	checkHoneypot(formData)
	if (formData.get('intent') === 'accept') {
		const user = await requireUser(request, context)
		const submission = parseForm(formData, InviteAcceptSchema)
		if (submission.status !== 'success') return data({ result: submission.reply(), retryAfter: null }, { status: 400 })
		const result = await acceptInvitation(context.db, token, user, requestMeta(context))
		if (!result.ok) {
			const status = result.error === 'invalidToken' ? 404 : 409
			return data(
				{ result: submission.reply({ formErrors: [`invite.${result.error}`] }), retryAfter: null },
				{ status },
			)
		}
		return redirect('/account?joined=1')
	}
	const submission = parseForm(formData, InviteSignupSchema)
	const ipHit = await consumeLimit(context, 'signupIp', addressKey(context.clientIp))
	if (ipHit)
		return tooManyRequests(
			{ result: submission.reply({ formErrors: ['rateLimited'], hideFields: HIDE }), retryAfter: ipHit.retryAfterSec },
			ipHit,
		)
	if (submission.status !== 'success')
		return data({ result: submission.reply({ hideFields: HIDE }), retryAfter: null }, { status: 400 })
	const result = await signUpWithInvitation(context.db, token, submission.value, requestMeta(context))
	if (!result.ok) {
		const reply =
			result.error === 'invalidToken'
				? submission.reply({ formErrors: ['invite.invalid'], hideFields: HIDE })
				: result.error.field
					? submission.reply({ fieldErrors: { [result.error.field]: [result.error.message] }, hideFields: HIDE })
					: submission.reply({ formErrors: [result.error.message], hideFields: HIDE })
		return data({ result: reply, retryAfter: null }, { status: result.error === 'invalidToken' ? 404 : 400 })
	}
	const previous = await readSessionId(request, context.env)
	if (previous) await destroySession(context.db, previous)
	const { setCookie } = await createUserSession(context.db, context.env, result.userId)
	return redirect('/account?joined=1', { headers: { 'Set-Cookie': setCookie } })
}

export default function InvitePage() {
	const { t } = useTranslation('auth')
	const location = useLocation()
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'invite-signup',
		lastResult: actionData?.result,
		constraint: getZodConstraint(InviteSignupSchema),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => validateForm(formData, InviteSignupSchema),
	})
	const messages = useFormMessages(form.errors, actionData?.retryAfter)
	if (!loaderData.valid) {
		return (
			<AuthPage title={t('invite.heading')}>
				<FormAlert messages={[t('invite.invalid')]} />
			</AuthPage>
		)
	}
	const { viewer, who, organizationName } = loaderData
	const intro = t('invite.intro', { name: organizationName, who })
	if (viewer.state === 'wrongAccount' || viewer.state === 'inOrg') {
		return (
			<AuthPage title={t('invite.heading')} intro={intro}>
				<FormAlert
					messages={[
						viewer.state === 'inOrg'
							? t('invite.alreadyInOrg', { name: viewer.orgName })
							: t('invite.wrongAccount', { who }),
					]}
				/>
				<Form method="post" action="/logout">
					<button type="submit" className="btn-secondary w-full">
						{t('account.logout')}
					</button>
				</Form>
			</AuthPage>
		)
	}
	if (viewer.state === 'canAccept') {
		return (
			<AuthPage title={t('invite.heading')} intro={intro}>
				<FormAlert messages={messages} />
				<Form method="post">
					<SubmitButton name="intent" value="accept">
						{t('invite.accept')}
					</SubmitButton>
				</Form>
			</AuthPage>
		)
	}
	const loginHref = `/login?${new URLSearchParams({ redirectTo: location.pathname })}`
	return (
		<AuthPage title={t('invite.heading')} intro={intro}>
			<FormAlert id={form.errorId} messages={messages} />
			<h2 className="text-lg font-semibold text-slate-900">{t('invite.signupHeading')}</h2>
			<p className="mt-1 mb-5 text-sm text-slate-600">{t('invite.signupIntro', { who })}</p>
			<Form method="post" {...getFormProps(form)} className="relative space-y-5">
				<HoneypotField label={t('common.honeypot')} />
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
				<SubmitButton name="intent" value="signup">
					{t('invite.signupSubmit')}
				</SubmitButton>
			</Form>
			<p className="mt-6 text-sm text-slate-700">
				{t('invite.haveAccount')}{' '}
				<Link to={loginHref} className="link font-medium">
					{t('invite.loginToAccept')}
				</Link>
			</p>
		</AuthPage>
	)
}

import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
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
import { HoneypotField } from '#app/auth/honeypot-field.tsx'
import { checkHoneypot } from '#app/auth/honeypot.server.ts'
import { requireSameOrigin } from '#app/auth/permissions.server.ts'
import { addressKey, consumeLimit, rateLimitRouteHeaders, tooManyRequests } from '#app/auth/rate-limit.server.ts'
import { linkMeta } from '#app/auth/request.server.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { requestPasswordReset } from '#app/models/account.server.ts'
import { ForgotPasswordSchema } from '#app/models/auth.schema.ts'

export const handle = { i18n: ['auth'] }

// Keeps Retry-After on a 429 when the form was posted without JavaScript.
export const headers = rateLimitRouteHeaders

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [{ title: withSiteName(locale, getFixedT(locale, 'auth')('meta.forgot')) }]
}

export async function loader({ context }: LoaderFunctionArgs) {
	return { dev: context.env.NODE_ENV === 'development' }
}

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const formData = await request.formData()
	checkHoneypot(formData)
	const submission = parseForm(formData, ForgotPasswordSchema)
	const ipHit = await consumeLimit(context, 'resetIp', addressKey(context.clientIp))
	if (ipHit)
		return tooManyRequests(
			{ result: submission.reply({ formErrors: ['rateLimited'] }), retryAfter: ipHit.retryAfterSec, sent: false },
			ipHit,
		)
	if (submission.status !== 'success')
		return data({ result: submission.reply(), retryAfter: null, sent: false }, { status: 400 })
	const { identifier } = submission.value
	// Per account, whether it exists or not: the answer must not depend on existence.
	const accountHit = await consumeLimit(context, 'resetAccount', `${identifier.kind}:${identifier.value}`)
	if (accountHit) {
		return tooManyRequests(
			{ result: submission.reply({ formErrors: ['rateLimited'] }), retryAfter: accountHit.retryAfterSec, sent: false },
			accountHit,
		)
	}
	await requestPasswordReset(context.db, identifier, linkMeta(request, context))
	return { result: submission.reply({ resetForm: true }), retryAfter: null, sent: true }
}

export default function ForgotPasswordPage() {
	const { t } = useTranslation('auth')
	const { dev } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'forgot',
		lastResult: actionData?.result,
		constraint: getZodConstraint(ForgotPasswordSchema),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => validateForm(formData, ForgotPasswordSchema),
	})
	const formMessages = useFormMessages(form.errors, actionData?.retryAfter)
	return (
		<AuthPage title={t('forgot.heading')} intro={t('forgot.intro')}>
			{actionData?.sent ? (
				<Notice>
					<p>{t('forgot.sent')}</p>
					{dev ? <p className="mt-1">{t('forgot.devNote')}</p> : null}
				</Notice>
			) : null}
			<FormAlert id={form.errorId} messages={formMessages} />
			<Form method="post" {...getFormProps(form)} className="relative space-y-5">
				<HoneypotField label={t('common.honeypot')} />
				<Field meta={fields.identifier} label={t('fields.identifier')} hint={t('fields.identifierHint')}>
					<input
						key={fields.identifier.key}
						{...inputProps(fields.identifier, 'text', true)}
						autoComplete="username"
						className="input"
					/>
				</Field>
				<SubmitButton>{t('forgot.submit')}</SubmitButton>
			</Form>
			<p className="mt-6 text-sm">
				<Link to="/login" className="link">
					{t('common.backToLogin')}
				</Link>
			</p>
		</AuthPage>
	)
}

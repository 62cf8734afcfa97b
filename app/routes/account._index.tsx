import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { parseForm } from '#app/auth/form.server.ts'
import {
	Field,
	FormAlert,
	Notice,
	SubmitButton,
	inputProps,
	useFormMessages,
	validateForm,
} from '#app/auth/auth-ui.tsx'
import { requireSameOrigin, requireUser } from '#app/auth/permissions.server.ts'
import { consumeLimit, peekLimit, rateLimitRouteHeaders, tooManyRequests } from '#app/auth/rate-limit.server.ts'
import { requestMeta } from '#app/auth/request.server.ts'
import { createUserSession } from '#app/auth/session.server.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { changePassword } from '#app/models/account.server.ts'
import { ChangePasswordSchema, ProfileSchema } from '#app/models/auth.schema.ts'
import { updateUserName } from '#app/models/user.server.ts'

export const handle = { i18n: ['auth'] }

// Keeps Retry-After on a 429 when the form was posted without JavaScript.
export const headers = rateLimitRouteHeaders

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [{ title: withSiteName(locale, getFixedT(locale, 'auth')('meta.account')) }]
}

const HIDE = ['currentPassword', 'password', 'confirmPassword']

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const q = new URL(request.url).searchParams
	return {
		user: {
			name: user.name,
			login: user.email ?? user.phone ?? '',
			isAdmin: user.isAdmin,
			mustChangePassword: user.mustChangePassword,
			orgRole: user.orgRole,
			organization: user.organization,
		},
		flash: {
			saved: q.get('saved') === '1',
			changed: q.get('changed') === '1',
			registered: q.get('registered') === '1',
			joined: q.get('joined') === '1',
		},
	}
}

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const user = await requireUser(request, context)
	const formData = await request.formData()
	const intent = formData.get('intent')

	if (intent === 'changePassword') {
		const submission = parseForm(formData, ChangePasswordSchema)
		if (submission.status !== 'success')
			return data({ intent, result: submission.reply({ hideFields: HIDE }), retryAfter: null }, { status: 400 })
		const key = `user:${user.id}`
		const hit = await peekLimit(context, 'changePasswordUser', key)
		if (hit) {
			return tooManyRequests(
				{
					intent,
					result: submission.reply({ formErrors: ['rateLimited'], hideFields: HIDE }),
					retryAfter: hit.retryAfterSec,
				},
				hit,
			)
		}
		const result = await changePassword(context.db, user.id, submission.value, requestMeta(context))
		if (!result.ok) {
			if (result.error.field === 'currentPassword') await consumeLimit(context, 'changePasswordUser', key)
			return data(
				{
					intent,
					result: submission.reply({ fieldErrors: { [result.error.field]: [result.error.message] }, hideFields: HIDE }),
					retryAfter: null,
				},
				{ status: 400 },
			)
		}
		// Every session ended with the change; the person who made it gets a fresh one.
		const { setCookie } = await createUserSession(context.db, context.env, user.id)
		return redirect('/account?changed=1', { headers: { 'Set-Cookie': setCookie } })
	}

	const submission = parseForm(formData, ProfileSchema)
	if (submission.status !== 'success')
		return data({ intent: 'profile', result: submission.reply(), retryAfter: null }, { status: 400 })
	await updateUserName(context.db, user.id, submission.value.name)
	return redirect('/account?saved=1')
}

function ProfileForm({
	name,
	login,
	lastResult,
}: {
	name: string | null
	login: string
	lastResult: SubmissionResult<string[]> | undefined
}) {
	const { t } = useTranslation('auth')
	const [form, fields] = useForm({
		id: 'profile',
		lastResult,
		defaultValue: { name: name ?? '' },
		constraint: getZodConstraint(ProfileSchema),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => validateForm(formData, ProfileSchema),
	})
	const messages = useFormMessages(form.errors)
	return (
		<section aria-labelledby="profile-heading" className="card p-6 sm:p-8">
			<h2 id="profile-heading" className="text-xl font-semibold text-slate-900">
				{t('account.profile')}
			</h2>
			<dl className="mt-4 text-sm">
				<dt className="font-medium text-slate-600">{t('account.loginId')}</dt>
				<dd className="break-anywhere mt-0.5 text-base text-slate-900">{login}</dd>
			</dl>
			<FormAlert id={form.errorId} messages={messages} />
			<Form method="post" {...getFormProps(form)} className="mt-4 space-y-5">
				<Field meta={fields.name} label={t('fields.name')} hint={t('fields.nameHint')}>
					<input
						key={fields.name.key}
						{...inputProps(fields.name, 'text', true)}
						autoComplete="name"
						className="input"
					/>
				</Field>
				<SubmitButton name="intent" value="profile" className="btn-secondary">
					{t('account.saveProfile')}
				</SubmitButton>
			</Form>
		</section>
	)
}

function PasswordForm({
	lastResult,
	retryAfter,
}: {
	lastResult: SubmissionResult<string[]> | undefined
	retryAfter: number | null
}) {
	const { t } = useTranslation('auth')
	const [form, fields] = useForm({
		id: 'change-password',
		lastResult,
		constraint: getZodConstraint(ChangePasswordSchema),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => validateForm(formData, ChangePasswordSchema),
	})
	const messages = useFormMessages(form.errors, retryAfter)
	return (
		<section aria-labelledby="password-heading" className="card p-6 sm:p-8">
			<h2 id="password-heading" className="text-xl font-semibold text-slate-900">
				{t('account.passwordHeading')}
			</h2>
			<p className="mt-1 text-sm text-slate-600">{t('account.passwordIntro')}</p>
			<div className="mt-4">
				<FormAlert id={form.errorId} messages={messages} />
			</div>
			<Form method="post" {...getFormProps(form)} className="space-y-5">
				<Field meta={fields.currentPassword} label={t('fields.currentPassword')}>
					<input
						key={fields.currentPassword.key}
						{...inputProps(fields.currentPassword, 'password')}
						autoComplete="current-password"
						className="input"
					/>
				</Field>
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
				<SubmitButton name="intent" value="changePassword" className="btn-primary">
					{t('account.changePassword')}
				</SubmitButton>
			</Form>
		</section>
	)
}

export default function AccountPage() {
	const { t } = useTranslation('auth')
	const { user, flash } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const org = user.organization
	return (
		<div className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:py-10">
			<div className="flex flex-wrap items-center justify-between gap-3">
				<h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('account.heading')}</h1>
				{user.isAdmin ? <span className="chip border-brand-700 text-brand-800">{t('account.admin')}</span> : null}
			</div>
			{user.mustChangePassword ? <Notice tone="warning">{t('account.mustChange')}</Notice> : null}
			{flash.changed ? <Notice>{t('account.passwordChanged')}</Notice> : null}
			{flash.saved ? <Notice>{t('account.profileSaved')}</Notice> : null}
			{flash.joined && org ? <Notice>{t('invite.joined', { name: org.name })}</Notice> : null}

			{user.mustChangePassword ? null : (
				<section aria-labelledby="org-heading" className="card p-6 sm:p-8">
					<h2 id="org-heading" className="text-xl font-semibold text-slate-900">
						{t('account.orgHeading')}
					</h2>
					{org ? (
						<div className="mt-3 space-y-3">
							<p className="flex flex-wrap items-center gap-2 text-lg font-medium text-slate-900">
								<span className="break-anywhere">{org.name}</span>
								<span
									className={`chip ${org.status === 'verified' ? 'border-emerald-400 text-emerald-800' : 'border-amber-400 text-amber-900'}`}
								>
									{t(`orgStatus.${org.status}`)}
								</span>
							</p>
							<p className="text-sm text-slate-700">{t(`orgStatusNote.${org.status}`)}</p>
							<p className="flex flex-wrap gap-1.5">
								{org.roles.map((r) => (
									<span key={r} className="chip">
										{t(`roles.${r}`)}
									</span>
								))}
							</p>
							<p className="text-sm text-slate-700">
								{t('account.role')}：{user.orgRole === 'owner' ? t('account.owner') : t('account.member')}
							</p>
							{user.orgRole === 'owner' ? (
								<Link to="/org/members" className="btn-secondary">
									{t('account.members')}
								</Link>
							) : null}
						</div>
					) : (
						<div className="mt-3 space-y-3">
							<p className="text-slate-700">{t('account.noOrg')}</p>
							<Link to="/org/new" className="btn-primary">
								{t('account.registerOrg')}
							</Link>
						</div>
					)}
				</section>
			)}

			{user.mustChangePassword ? null : (
				<ProfileForm
					name={user.name}
					login={user.login}
					lastResult={actionData?.intent === 'profile' ? actionData.result : undefined}
				/>
			)}
			<PasswordForm
				lastResult={actionData?.intent === 'changePassword' ? actionData.result : undefined}
				retryAfter={actionData?.intent === 'changePassword' ? actionData.retryAfter : null}
			/>

			<section
				aria-labelledby="logout-heading"
				className="card flex flex-wrap items-center justify-between gap-3 p-6 sm:p-8"
			>
				<div>
					<h2 id="logout-heading" className="text-xl font-semibold text-slate-900">
						{t('account.logout')}
					</h2>
					<p className="mt-1 text-sm text-slate-600">{t('account.logoutIntro')}</p>
				</div>
				<Form method="post" action="/logout">
					<button type="submit" className="btn-secondary">
						{t('account.logout')}
					</button>
				</Form>
			</section>
		</div>
	)
}

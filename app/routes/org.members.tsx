import { getFormProps, useForm } from '@conform-to/react'
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
import { requireOrgOwner, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { linkMeta, requestMeta } from '#app/auth/request.server.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import {
	inviteMember,
	listMembers,
	listPendingInvitations,
	removeMember,
	revokeInvitation,
} from '#app/models/account.server.ts'
import { maskIdentifier } from '#app/models/auth.schema.ts'
import { InviteMemberSchema, RemoveMemberSchema, RevokeInvitationSchema } from '#app/models/org-account.schema.ts'

export const handle = { i18n: ['auth'] }

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [{ title: withSiteName(locale, getFixedT(locale, 'auth')('meta.members')) }]
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const owner = await requireOrgOwner(request, context)
	const [members, invitations] = await Promise.all([
		listMembers(context.db, owner.organizationId),
		listPendingInvitations(context.db, owner.organizationId),
	])
	const q = new URL(request.url).searchParams
	return {
		me: owner.id,
		organizationName: owner.organization.name,
		members: members.map((m) => ({ id: m.id, name: m.name, login: m.email ?? m.phone ?? '', orgRole: m.orgRole })),
		invitations,
		flash: { removed: q.get('removed') === '1', revoked: q.get('revoked') === '1' },
	}
}

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const owner = await requireOrgOwner(request, context)
	const formData = await request.formData()
	const intent = formData.get('intent')
	if (intent === 'remove') {
		const submission = parseForm(formData, RemoveMemberSchema)
		if (submission.status !== 'success')
			return data({ intent, result: submission.reply(), link: null, who: null }, { status: 400 })
		const removed = await removeMember(context.db, owner, submission.value.userId, requestMeta(context))
		// Not in this organization (or the owner): the same 404 whether the user exists or not.
		if (!removed)
			return data(
				{ intent, result: submission.reply({ formErrors: ['members.notFound'] }), link: null, who: null },
				{ status: 404 },
			)
		return redirect('/org/members?removed=1')
	}
	if (intent === 'revoke') {
		const submission = parseForm(formData, RevokeInvitationSchema)
		if (submission.status !== 'success')
			return data({ intent, result: submission.reply(), link: null, who: null }, { status: 400 })
		const revoked = await revokeInvitation(context.db, owner, submission.value.invitationId, requestMeta(context))
		if (!revoked)
			return data(
				{ intent, result: submission.reply({ formErrors: ['members.notFound'] }), link: null, who: null },
				{ status: 404 },
			)
		return redirect('/org/members?revoked=1')
	}
	const submission = parseForm(formData, InviteMemberSchema)
	if (submission.status !== 'success')
		return data({ intent: 'invite', result: submission.reply(), link: null, who: null }, { status: 400 })
	const result = await inviteMember(context.db, owner, submission.value.identifier, linkMeta(request, context))
	if (!result.ok) {
		return data(
			{
				intent: 'invite',
				result: submission.reply({ fieldErrors: { [result.error.field]: [result.error.message] } }),
				link: null,
				who: null,
			},
			{ status: 400 },
		)
	}
	// The link is shown once, here, so the owner can pass it on however they like.
	return {
		intent: 'invite',
		result: submission.reply({ resetForm: true }),
		link: result.link,
		who: maskIdentifier(submission.value.identifier.value),
	}
}

export default function MembersPage() {
	const { t } = useTranslation('auth')
	const locale = useAppLocale()
	const { me, organizationName, members, invitations, flash } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'invite',
		lastResult: actionData?.intent === 'invite' ? actionData.result : undefined,
		constraint: getZodConstraint(InviteMemberSchema),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => validateForm(formData, InviteMemberSchema),
	})
	const inviteMessages = useFormMessages(form.errors)
	const listMessages = useFormMessages(
		actionData && actionData.intent !== 'invite' ? (actionData.result.error?.[''] ?? undefined) : undefined,
	)
	const date = (iso: string) =>
		new Date(iso).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' })
	return (
		<div className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:py-10">
			<div>
				<p className="text-sm">
					<Link to="/account" className="link">
						{t('meta.account')}
					</Link>
				</p>
				<h1 className="mt-2 text-2xl font-bold text-slate-900 sm:text-3xl">{t('members.heading')}</h1>
				<p className="mt-2 text-slate-700">{t('members.intro', { name: organizationName })}</p>
			</div>
			{flash.removed ? <Notice>{t('members.removed')}</Notice> : null}
			{flash.revoked ? <Notice>{t('members.revoked')}</Notice> : null}
			<FormAlert messages={listMessages} />

			<section aria-labelledby="invite-heading" className="card p-6 sm:p-8">
				<h2 id="invite-heading" className="text-xl font-semibold text-slate-900">
					{t('members.inviteHeading')}
				</h2>
				{actionData?.link ? (
					<div className="mt-4">
						<Notice>
							<p>{t('members.inviteCreated', { who: actionData.who })}</p>
							<p className="break-anywhere mt-2 font-mono text-sm select-all">{actionData.link}</p>
						</Notice>
					</div>
				) : null}
				<div className="mt-4">
					<FormAlert id={form.errorId} messages={inviteMessages} />
				</div>
				<Form method="post" {...getFormProps(form)} className="flex flex-col gap-4 sm:flex-row sm:items-start">
					<div className="flex-1">
						<Field meta={fields.identifier} label={t('members.inviteIdentifier')} hint={t('fields.identifierHint')}>
							<input
								key={fields.identifier.key}
								{...inputProps(fields.identifier, 'text', true)}
								autoComplete="off"
								className="input"
							/>
						</Field>
					</div>
					<div className="sm:pt-7">
						<SubmitButton name="intent" value="invite" className="btn-primary">
							{t('members.invite')}
						</SubmitButton>
					</div>
				</Form>
			</section>

			<section aria-labelledby="members-heading" className="card p-6 sm:p-8">
				<h2 id="members-heading" className="text-xl font-semibold text-slate-900">
					{t('members.listHeading')}
				</h2>
				<ul className="mt-4 divide-y divide-slate-200">
					{members.map((m) => (
						<li key={m.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
							<div className="min-w-0">
								<p className="font-medium text-slate-900">
									{m.name ?? m.login}{' '}
									{m.id === me ? <span className="text-sm font-normal text-slate-600">{t('members.you')}</span> : null}
								</p>
								<p className="break-anywhere text-sm text-slate-600">
									{m.login} · {m.orgRole === 'owner' ? t('account.owner') : t('account.member')}
								</p>
							</div>
							{m.orgRole === 'member' ? (
								<Form method="post">
									<input type="hidden" name="userId" value={m.id} />
									<button
										type="submit"
										name="intent"
										value="remove"
										className="btn-secondary text-red-700"
										aria-label={t('members.removeLabel', { name: m.name ?? m.login })}
									>
										{t('members.remove')}
									</button>
								</Form>
							) : null}
						</li>
					))}
				</ul>
			</section>

			<section aria-labelledby="pending-heading" className="card p-6 sm:p-8">
				<h2 id="pending-heading" className="text-xl font-semibold text-slate-900">
					{t('members.pendingHeading')}
				</h2>
				{invitations.length === 0 ? (
					<p className="mt-3 text-slate-600">{t('members.noPending')}</p>
				) : (
					<ul className="mt-4 divide-y divide-slate-200">
						{invitations.map((i) => (
							<li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
								<div>
									<p className="font-medium text-slate-900">{i.who}</p>
									<p className="text-sm text-slate-600">{t('members.expires', { date: date(i.expiresAt) })}</p>
								</div>
								<Form method="post">
									<input type="hidden" name="invitationId" value={i.id} />
									<button
										type="submit"
										name="intent"
										value="revoke"
										className="btn-secondary"
										aria-label={t('members.revokeLabel', { who: i.who })}
									>
										{t('members.revoke')}
									</button>
								</Form>
							</li>
						))}
					</ul>
				)}
			</section>
		</div>
	)
}

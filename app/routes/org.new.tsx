import { getCollectionProps, getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { parseForm } from '#app/auth/form.server.ts'
import {
	AuthPage,
	ErrorList,
	Field,
	FormAlert,
	SubmitButton,
	inputProps,
	useFormMessages,
	validateForm,
} from '#app/auth/auth-ui.tsx'
import { HoneypotField } from '#app/auth/honeypot-field.tsx'
import { checkHoneypot } from '#app/auth/honeypot.server.ts'
import { requireSameOrigin, requireUser } from '#app/auth/permissions.server.ts'
import { requestMeta } from '#app/auth/request.server.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { registerOrganization } from '#app/models/account.server.ts'
import { LEAD_INDUSTRIES, OrgRegistrationSchema } from '#app/models/org-account.schema.ts'
import { ORG_ROLES, ZONE_AREAS } from '#app/models/taxonomy.ts'

export const handle = { i18n: ['auth'] }

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [{ title: withSiteName(locale, getFixedT(locale, 'auth')('meta.orgNew')) }]
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	// One organization per account: an owner or member goes to their account page instead.
	if (user.organization) throw redirect('/account', 302)
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const user = await requireUser(request, context)
	const formData = await request.formData()
	checkHoneypot(formData)
	const submission = parseForm(formData, OrgRegistrationSchema)
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const result = await registerOrganization(context.db, user.id, submission.value, requestMeta(context))
	if (!result.ok) {
		const reply = result.error.field
			? submission.reply({ fieldErrors: { [result.error.field]: [result.error.message] } })
			: submission.reply({ formErrors: [result.error.message] })
		return data({ result: reply }, { status: result.error.message === 'errors.alreadyInOrg' ? 409 : 400 })
	}
	return redirect('/account?registered=1')
}

export default function OrgNewPage() {
	const { t } = useTranslation('auth')
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm({
		id: 'org-new',
		lastResult: actionData?.result,
		defaultValue: { inZone: true },
		constraint: getZodConstraint(OrgRegistrationSchema),
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => validateForm(formData, OrgRegistrationSchema),
	})
	const messages = useFormMessages(form.errors)
	const { key: _selectKey, ...areaProps } = getSelectProps(fields.area)
	return (
		<AuthPage title={t('org.heading')} intro={t('org.intro')} wide>
			<FormAlert id={form.errorId} messages={messages} />
			<Form method="post" {...getFormProps(form)} className="relative space-y-6">
				<HoneypotField label={t('common.honeypot')} />
				<div className="grid gap-5 sm:grid-cols-2">
					<Field meta={fields.name} label={t('org.name')}>
						<input
							key={fields.name.key}
							{...inputProps(fields.name, 'text')}
							autoComplete="organization"
							className="input"
						/>
					</Field>
					<Field meta={fields.nameEn} label={t('org.nameEn')} optional>
						<input key={fields.nameEn.key} {...inputProps(fields.nameEn, 'text')} lang="en" className="input" />
					</Field>
				</div>
				<Field meta={fields.uscc} label={t('org.uscc')} hint={t('org.usccHint')}>
					<input
						key={fields.uscc.key}
						{...inputProps(fields.uscc, 'text', true)}
						autoCapitalize="characters"
						spellCheck={false}
						className="input font-mono tracking-wider uppercase"
					/>
				</Field>

				<fieldset aria-describedby={fields.roles.errors?.length ? fields.roles.errorId : undefined}>
					<legend className="mb-2 block text-sm font-medium text-slate-800">{t('org.roles')}</legend>
					<div className="grid gap-3 sm:grid-cols-3">
						{getCollectionProps(fields.roles, { type: 'checkbox', options: [...ORG_ROLES] }).map(
							({ key, ...props }) => (
								<label
									key={key}
									className="flex cursor-pointer gap-3 rounded-md border border-slate-300 bg-white p-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50"
								>
									<input {...props} className="mt-1 size-4 accent-brand-700" />
									<span>
										<span className="block font-medium text-slate-900">{t(`roles.${props.value}`)}</span>
										<span className="block text-sm text-slate-600">{t(`roles.${props.value}Hint`)}</span>
									</span>
								</label>
							),
						)}
					</div>
					<ErrorList id={fields.roles.errorId} errors={fields.roles.errors} />
				</fieldset>

				<div className="grid gap-5 sm:grid-cols-2">
					<div>
						<label className="flex items-center gap-2 pt-7 font-medium text-slate-800">
							<input
								key={fields.inZone.key}
								{...inputProps(fields.inZone, 'checkbox')}
								className="size-4 accent-brand-700"
							/>
							{t('org.inZone')}
						</label>
						<ErrorList id={fields.inZone.errorId} errors={fields.inZone.errors} />
					</div>
					<Field meta={fields.area} label={t('org.area')}>
						<select key={fields.area.key} {...areaProps} className="input">
							<option value="">{t('org.areaPlaceholder')}</option>
							{ZONE_AREAS.map((a) => (
								<option key={a} value={a}>
									{a}
								</option>
							))}
						</select>
					</Field>
				</div>
				<Field meta={fields.industry} label={t('org.industry')} hint={t('org.industryHint')} optional>
					<input
						key={fields.industry.key}
						{...inputProps(fields.industry, 'text', true)}
						list="lead-industries"
						className="input"
					/>
					<datalist id="lead-industries">
						{LEAD_INDUSTRIES.map((i) => (
							<option key={i} value={i} />
						))}
					</datalist>
				</Field>

				<fieldset className="rounded-md border border-slate-200 bg-slate-50 p-4">
					<legend className="px-1 text-sm font-semibold text-slate-900">{t('org.contactHeading')}</legend>
					<p className="mb-4 text-sm text-slate-600">{t('org.contactNote')}</p>
					<div className="grid gap-5 sm:grid-cols-2">
						<Field meta={fields.contactPerson} label={t('org.contactPerson')}>
							<input
								key={fields.contactPerson.key}
								{...inputProps(fields.contactPerson, 'text')}
								autoComplete="name"
								className="input"
							/>
						</Field>
						<Field meta={fields.contactPhone} label={t('org.contactPhone')} hint={t('org.contactPhoneHint')}>
							<input
								key={fields.contactPhone.key}
								{...inputProps(fields.contactPhone, 'tel', true)}
								autoComplete="tel"
								className="input"
							/>
						</Field>
					</div>
				</fieldset>
				<SubmitButton className="btn-primary w-full sm:w-auto">{t('org.submit')}</SubmitButton>
			</Form>
		</AuthPage>
	)
}

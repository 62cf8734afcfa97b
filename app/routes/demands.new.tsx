import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { parseForm } from '#app/auth/form.server.ts'
import { checkHoneypot } from '#app/auth/honeypot.server.ts'
import { requireOrgUser, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { DemandForm } from '#app/components/demands/demand-form.tsx'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { DemandFormSchema } from '#app/models/demand.schema.ts'
import { chinaToday, createDemand, toActor } from '#app/models/demand.server.ts'

export const handle = { i18n: ['demands'] }

export const meta: MetaFunction = ({ matches }) => [
	{ title: getFixedT(localeFromMatches(matches), 'demands')('meta.new') },
	{ name: 'robots', content: 'noindex' },
]

/** Demands are posted by verified buyer organizations. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireOrgUser(request, context, { role: 'buyer', verified: true })
	// Two months is a typical tender window; the buyer can change it.
	const expiry = new Date(Date.now() + 60 * 86_400_000)
	return { defaultExpiry: chinaToday(expiry) }
}

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const user = await requireOrgUser(request, context, { role: 'buyer', verified: true })
	const formData = await request.formData()
	checkHoneypot(formData)
	const submission = parseForm(formData, DemandFormSchema)
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const { intent, ...input } = submission.value
	const publish = intent === 'publish'
	const outcome = await createDemand(context, toActor(user, context.clientIp), input, { publish })
	if (!outcome.ok) {
		const reply = outcome.field
			? submission.reply({ fieldErrors: { [outcome.field]: [`errors.${outcome.code}`] } })
			: submission.reply({ formErrors: [`errors.${outcome.code}`] })
		return data({ result: reply }, { status: outcome.status === 404 ? 400 : outcome.status })
	}
	return redirect(`/demands/${outcome.value.id}?done=${publish ? 'published' : 'created'}`)
}

export default function NewDemandPage() {
	const { defaultExpiry } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation(['demands', 'common'])
	return (
		<div className="mx-auto max-w-4xl px-4 py-6 sm:py-8">
			<Breadcrumbs
				items={[
					{ label: t('common:nav.home'), to: '/' },
					{ label: t('detail.breadcrumb'), to: '/demands' },
					{ label: t('form.newHeading') },
				]}
			/>
			<h1 className="mt-4 text-2xl font-bold text-slate-900 sm:text-3xl">{t('form.newHeading')}</h1>
			<p className="mt-2 max-w-3xl text-slate-700">{t('form.intro')}</p>
			<div className="mt-6">
				<DemandForm
					demand={null}
					lastResult={actionData?.result}
					defaultExpiry={defaultExpiry}
					cancelHref="/my/demands"
				/>
			</div>
		</div>
	)
}

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
import { getDemandForEdit, parseDemandId, toActor, updateDemand } from '#app/models/demand.server.ts'

export const handle = { i18n: ['demands'] }

export const meta: MetaFunction = ({ matches }) => [
	{ title: getFixedT(localeFromMatches(matches), 'demands')('meta.edit') },
	{ name: 'robots', content: 'noindex' },
]

function notFound(): Response {
	return new Response('Not Found', { status: 404 })
}

/** Only the owner organization edits; another organization's id is a 404 (R16). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const user = await requireOrgUser(request, context, { role: 'buyer', verified: true })
	const id = parseDemandId(params.id)
	if (id == null) throw notFound()
	const demand = await getDemandForEdit(context.db, toActor(user), id)
	if (!demand) throw notFound()
	return { demand }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const user = await requireOrgUser(request, context, { role: 'buyer', verified: true })
	const id = parseDemandId(params.id)
	if (id == null) throw notFound()
	const formData = await request.formData()
	checkHoneypot(formData)
	const submission = parseForm(formData, DemandFormSchema)
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const { intent, ...input } = submission.value
	const outcome = await updateDemand(context, toActor(user, context.clientIp), id, input, {
		publish: intent === 'publish',
	})
	if (!outcome.ok) {
		if (outcome.status === 404) throw notFound()
		const reply = outcome.field
			? submission.reply({ fieldErrors: { [outcome.field]: [`errors.${outcome.code}`] } })
			: submission.reply({ formErrors: [`errors.${outcome.code}`] })
		return data({ result: reply }, { status: outcome.status })
	}
	return redirect(`/demands/${id}?done=${intent === 'publish' ? 'published' : 'saved'}`)
}

export default function EditDemandPage() {
	const { demand } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation(['demands', 'common'])
	return (
		<div className="mx-auto max-w-4xl px-4 py-6 sm:py-8">
			<Breadcrumbs
				items={[
					{ label: t('common:nav.home'), to: '/' },
					{ label: t('nav.myDemands'), to: '/my/demands' },
					{ label: demand.title, to: `/demands/${demand.id}` },
					{ label: t('form.editHeading') },
				]}
			/>
			<h1 className="mt-4 text-2xl font-bold text-slate-900 sm:text-3xl">{t('form.editHeading')}</h1>
			<p className="mt-2 max-w-3xl text-slate-700">{t('form.intro')}</p>
			<div className="mt-6">
				<DemandForm
					demand={demand}
					lastResult={actionData?.result}
					defaultExpiry={demand.expiresAt ?? ''}
					cancelHref={`/demands/${demand.id}`}
				/>
			</div>
		</div>
	)
}

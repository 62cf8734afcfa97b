import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { parseForm } from '#app/auth/form.server.ts'
import { requireOrgUser, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { linkMeta } from '#app/auth/request.server.ts'
import { ProgramForm } from '#app/components/leasing/program-form.tsx'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { ProgramInputSchema } from '#app/models/leasing.schema.ts'
import { createProgram } from '#app/models/leasing.server.ts'

export const handle = { i18n: ['leasing'] }

export const meta: MetaFunction = ({ matches }) => [
	{ title: getFixedT(localeFromMatches(matches), 'leasing')('meta.newProgram') },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireOrgUser(request, context, { role: 'lessor', verified: true })
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const user = await requireOrgUser(request, context, { role: 'lessor', verified: true })
	const submission = parseForm(await request.formData(), ProgramInputSchema)
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const { id } = await createProgram(
		context.db,
		{ ...linkMeta(request, context), userId: user.id, orgId: user.organizationId },
		submission.value,
	)
	return redirect(`/workspace/leasing/programs/${id}?created=1`)
}

export default function NewProgramPage() {
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation('leasing')
	return (
		<div className="mx-auto max-w-4xl px-4 py-6 sm:py-8">
			<p className="text-sm">
				<Link to="/workspace/leasing" className="link">
					{t('workspace.back')}
				</Link>
			</p>
			<h1 className="mt-2 text-2xl font-bold text-slate-900 sm:text-3xl">{t('programForm.newHeading')}</h1>
			<p className="mt-2 text-slate-700">{t('programForm.newLead')}</p>
			<div className="card mt-5 p-5 sm:p-6">
				<ProgramForm
					id="program-new"
					lastResult={actionData?.result}
					defaultValue={{ structures: ['direct'], termMonthsMin: '12', termMonthsMax: '60' }}
					submitLabel={t('programForm.publish')}
				/>
			</div>
		</div>
	)
}

import type { SubmissionResult } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ProductForm, toFormDefaults } from '#app/components/workspace/product-form.tsx'
import { WorkspaceShell } from '#app/components/workspace/workspace-shell.tsx'
import { parseForm } from '#app/auth/form.server.ts'
import { requireOrgUser, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { readFormWithLimits } from '#app/models/product-image.server.ts'
import { createOrgProduct, productActor } from '#app/models/workspace-product.server.ts'
import { NewProductActionSchema, withExtraSpecRow } from '#app/models/workspace-product.schema.ts'

export const handle = { i18n: ['workspace'] }

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [{ title: withSiteName(locale, getFixedT(locale, 'workspace')('meta.newProduct')) }]
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireOrgUser(request, context, { role: 'supplier' })
	return {
		org: {
			name: user.organization.name,
			pending: user.organization.status !== 'verified',
			roles: user.organization.roles,
		},
	}
}

type ActionData = { result: SubmissionResult<string[]> }

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const user = await requireOrgUser(request, context, { role: 'supplier' })
	// The form has no file input: any file part is refused before it is buffered.
	const body = await readFormWithLimits(request, { maxFileBytes: 0, maxFiles: 0 })
	if (!body.ok)
		return data<ActionData>({ result: { status: 'error', error: { '': [body.error] } } }, { status: body.status })
	const submission = parseForm(body.formData, NewProductActionSchema)
	if (submission.status !== 'success') return data<ActionData>({ result: submission.reply() }, { status: 400 })
	if (submission.value.intent === 'addSpecRow')
		return data<ActionData>({ result: withExtraSpecRow(submission.reply()) })
	const { intent: _intent, ...input } = submission.value
	const product = await createOrgProduct(context.db, productActor(user, context), input)
	return redirect(`/workspace/products/${product.id}?done=created`)
}

export default function NewProductPage() {
	const { org } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation(['workspace', 'common'])
	return (
		<WorkspaceShell
			orgName={org.name}
			orgPending={org.pending}
			roles={org.roles}
			title={t('meta.newProduct')}
			actions={
				<Link to="/workspace/products/import" className="btn-secondary">
					{t('dashboard.import')}
				</Link>
			}
		>
			<div className="max-w-3xl">
				<ProductForm lastResult={actionData?.result} defaultValue={toFormDefaults()} submitLabel={t('form.create')} />
			</div>
		</WorkspaceShell>
	)
}

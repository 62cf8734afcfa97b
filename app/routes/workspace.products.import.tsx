import type { SubmissionResult } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FieldErrors, FormAlert, Notice } from '#app/components/form/form-kit.tsx'
import { WorkspaceShell } from '#app/components/workspace/workspace-shell.tsx'
import { parseForm } from '#app/auth/form.server.ts'
import { requireOrgUser, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { readFormWithLimits } from '#app/models/product-image.server.ts'
import { SHEET_MAX_BYTES, type SheetError } from '#app/models/product-sheet.server.ts'
import {
	WORKSPACE_IMPORT_MAX_ROWS,
	importOrgProducts,
	productActor,
	type ImportCounts,
} from '#app/models/workspace-product.server.ts'
import { ImportProductsSchema } from '#app/models/workspace-product.schema.ts'

export const handle = { i18n: ['workspace'] }

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [{ title: withSiteName(locale, getFixedT(locale, 'workspace')('meta.import')) }]
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireOrgUser(request, context, { role: 'supplier' })
	return {
		org: {
			name: user.organization.name,
			pending: user.organization.status !== 'verified',
			roles: user.organization.roles,
		},
		maxRows: WORKSPACE_IMPORT_MAX_ROWS,
	}
}

type ActionData = {
	result: SubmissionResult<string[]>
	rows: SheetError[] | null
	counts: ImportCounts | null
}

export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const user = await requireOrgUser(request, context, { role: 'supplier' })
	const body = await readFormWithLimits(request, { maxFileBytes: SHEET_MAX_BYTES, maxFiles: 1 })
	if (!body.ok)
		return data<ActionData>(
			{ result: { status: 'error', error: { '': [body.error] } }, rows: null, counts: null },
			{ status: body.status },
		)
	const submission = parseForm(body.formData, ImportProductsSchema)
	if (submission.status !== 'success')
		return data<ActionData>({ result: submission.reply(), rows: null, counts: null }, { status: 400 })
	const { file } = submission.value
	const result = await importOrgProducts(context.db, productActor(user, context), {
		buffer: Buffer.from(await file.arrayBuffer()),
		filename: file.name,
	})
	if (!result.ok)
		return data<ActionData>({ result: submission.reply(), rows: result.errors, counts: null }, { status: 422 })
	return data<ActionData>({ result: submission.reply({ resetForm: true }), rows: null, counts: result.counts })
}

export default function ImportProductsPage() {
	const { org, maxRows } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTranslation(['workspace', 'common'])
	const busy = navigation.state === 'submitting'
	const fileErrors = actionData?.result.error?.file ?? null
	return (
		<WorkspaceShell orgName={org.name} orgPending={org.pending} roles={org.roles} title={t('import.heading')}>
			<div className="max-w-4xl space-y-6">
				<p className="text-slate-700">{t('import.intro')}</p>

				{actionData?.counts ? (
					<Notice>
						<p>{t('import.success', actionData.counts)}</p>
						<p className="mt-1">
							<Link to="/workspace/products?status=draft" className="link">
								{t('import.viewDrafts')}
							</Link>
						</p>
					</Notice>
				) : null}

				{actionData?.rows ? (
					<section aria-labelledby="import-errors" className="card border-red-300 p-5 sm:p-6">
						<h2 id="import-errors" role="alert" className="text-lg font-semibold text-red-800">
							{t('import.errorsHeading', { count: actionData.rows.length })}
						</h2>
						<div className="mt-3 overflow-x-auto">
							<table className="w-full border-collapse text-sm">
								<thead>
									<tr className="bg-slate-50 text-left">
										<th scope="col" className="border border-slate-200 px-3 py-2 font-semibold whitespace-nowrap">
											{t('import.row')}
										</th>
										<th scope="col" className="border border-slate-200 px-3 py-2 font-semibold whitespace-nowrap">
											{t('import.column')}
										</th>
										<th scope="col" className="border border-slate-200 px-3 py-2 font-semibold">
											{t('import.message')}
										</th>
									</tr>
								</thead>
								<tbody>
									{actionData.rows.map((e, i) => (
										<tr key={`${e.row}-${e.path}-${i}`}>
											<td className="border border-slate-200 px-3 py-2 align-top tabular-nums">
												{e.row > 0 ? e.row : t('import.fileLevel')}
											</td>
											<td className="break-anywhere border border-slate-200 px-3 py-2 align-top">{e.column ?? ''}</td>
											<td className="break-anywhere border border-slate-200 px-3 py-2 align-top">{e.message}</td>
										</tr>
									))}
								</tbody>
							</table>
						</div>
					</section>
				) : null}

				<section aria-labelledby="template" className="card p-5 sm:p-6">
					<h2 id="template" className="text-lg font-semibold text-slate-900">
						{t('import.templateHeading')}
					</h2>
					<div className="mt-3 flex flex-wrap gap-3">
						<a href="/workspace/products/template/xlsx" className="btn-secondary" download>
							{t('import.templateXlsx')}
						</a>
						<a href="/workspace/products/template/csv" className="btn-secondary" download>
							{t('import.templateCsv')}
						</a>
					</div>
					<p className="mt-2 text-sm text-slate-600">{t('import.templateHint')}</p>
				</section>

				<section aria-labelledby="upload" className="card p-5 sm:p-6">
					<h2 id="upload" className="text-lg font-semibold text-slate-900">
						{t('import.uploadHeading')}
					</h2>
					<Form method="post" encType="multipart/form-data" className="mt-3 space-y-3">
						<FormAlert ns="workspace" errors={actionData?.result.error?.[''] ?? null} />
						<div>
							<label htmlFor="sheet-file" className="mb-1.5 block text-sm font-medium text-slate-800">
								{t('import.file')}
							</label>
							<input
								id="sheet-file"
								type="file"
								name="file"
								required
								accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
								aria-describedby="sheet-file-hint"
								aria-invalid={fileErrors ? true : undefined}
								className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:font-medium file:text-slate-800"
							/>
							<p id="sheet-file-hint" className="mt-1 text-sm text-slate-600">
								{t('import.fileHint', { max: maxRows })}
							</p>
							<FieldErrors ns="workspace" errors={fileErrors} />
						</div>
						<button
							type="submit"
							name="intent"
							value="upload"
							className="btn-primary disabled:opacity-60"
							disabled={busy}
						>
							{t('import.upload')}
						</button>
					</Form>
				</section>

				<section aria-labelledby="rules" className="card p-5 sm:p-6">
					<h2 id="rules" className="text-lg font-semibold text-slate-900">
						{t('import.rulesHeading')}
					</h2>
					<ul className="mt-3 list-disc space-y-1.5 pl-5 text-slate-700">
						<li>{t('import.rule1')}</li>
						<li>{t('import.rule2')}</li>
						<li>{t('import.rule3')}</li>
						<li>{t('import.rule4')}</li>
					</ul>
				</section>
			</div>
		</WorkspaceShell>
	)
}

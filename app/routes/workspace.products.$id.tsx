import type { SubmissionResult } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormAlert, Notice } from '#app/components/form/form-kit.tsx'
import { ImageManager } from '#app/components/workspace/image-manager.tsx'
import { ProductForm, toFormDefaults } from '#app/components/workspace/product-form.tsx'
import { StatusBadge } from '#app/components/workspace/status-badge.tsx'
import { WorkspaceShell } from '#app/components/workspace/workspace-shell.tsx'
import { parseForm } from '#app/auth/form.server.ts'
import { requireOrgUser, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import {
	MAX_IMAGE_BYTES,
	MAX_IMAGES_PER_PRODUCT,
	addProductImages,
	deleteProductImage,
	readFormWithLimits,
} from '#app/models/product-image.server.ts'
import {
	archiveOrgProduct,
	getOrgProduct,
	parseProductId,
	productActor,
	restoreOrgProduct,
	submitOrgProduct,
	updateOrgProduct,
	type TransitionResult,
} from '#app/models/workspace-product.server.ts'
import { EditProductActionSchema, withExtraSpecRow } from '#app/models/workspace-product.schema.ts'

export const handle = { i18n: ['workspace'] }

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
	const locale = localeFromMatches(matches)
	const t = getFixedT(locale, 'workspace')
	const title = loaderData ? t('meta.editProduct', { name: loaderData.product.name }) : t('meta.products')
	return [{ title: withSiteName(locale, title) }]
}

function notFound(): Response {
	return new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

const FLASHES = [
	'created',
	'saved',
	'savedReview',
	'unchanged',
	'submitted',
	'archived',
	'restored',
	'imageDeleted',
] as const
type FlashKey = (typeof FLASHES)[number]

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireOrgUser(request, context, { role: 'supplier' })
	const id = parseProductId(params.id)
	if (id === null) throw notFound()
	// Another organization's product is a 404, exactly like a missing one (R16).
	const product = await getOrgProduct(context.db, user.organizationId, id)
	if (!product) throw notFound()
	const q = new URL(request.url).searchParams
	const flash = FLASHES.find((k) => q.get('done') === k) ?? null
	const imagesAdded = Math.min(Math.max(Math.trunc(Number(q.get('imagesAdded')) || 0), 0), MAX_IMAGES_PER_PRODUCT)
	return {
		org: {
			name: user.organization.name,
			pending: user.organization.status !== 'verified',
			roles: user.organization.roles,
		},
		product,
		maxImages: MAX_IMAGES_PER_PRODUCT,
		flash: flash as FlashKey | null,
		imagesAdded,
	}
}

type FormName = 'product' | 'images' | 'workflow'
type ActionData = { form: FormName; result: SubmissionResult<string[]> }

function formOf(intent: FormDataEntryValue | null): FormName {
	if (intent === 'save' || intent === 'addSpecRow') return 'product'
	if (intent === 'uploadImages' || intent === 'deleteImage') return 'images'
	return 'workflow'
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const user = await requireOrgUser(request, context, { role: 'supplier' })
	const id = parseProductId(params.id)
	if (id === null) throw notFound()
	const body = await readFormWithLimits(request, { maxFileBytes: MAX_IMAGE_BYTES, maxFiles: MAX_IMAGES_PER_PRODUCT })
	if (!body.ok)
		return data<ActionData>(
			{ form: 'images', result: { status: 'error', error: { '': [body.error] } } },
			{ status: body.status },
		)
	const form = formOf(body.formData.get('intent'))
	const submission = parseForm(body.formData, EditProductActionSchema)
	if (submission.status !== 'success') return data<ActionData>({ form, result: submission.reply() }, { status: 400 })
	const actor = productActor(user, context)
	const here = `/workspace/products/${id}`
	const refuse = (status: number, message: string, field = '') =>
		data<ActionData>(
			{
				form,
				result: submission.reply(field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] }),
			},
			{ status },
		)
	const afterTransition = (result: TransitionResult, done: FlashKey) => {
		if (result.ok) return redirect(`${here}?done=${done}`)
		if (result.error === 'notFound') throw notFound()
		return refuse(409, result.error === 'orgNotVerified' ? 'errors.orgNotVerified' : 'errors.invalidTransition')
	}

	const value = submission.value
	switch (value.intent) {
		case 'addSpecRow':
			// Echoes the form only, but still answers 404 for another organization's product id.
			if (!(await getOrgProduct(context.db, user.organizationId, id))) throw notFound()
			return data<ActionData>({ form, result: withExtraSpecRow(submission.reply()) })
		case 'save': {
			const { intent: _intent, ...input } = value
			const result = await updateOrgProduct(context.db, actor, id, input)
			if (!result.ok) {
				if (result.error === 'notFound') throw notFound()
				return refuse(409, 'errors.archived')
			}
			const done: FlashKey = !result.changed ? 'unchanged' : result.status === 'pending' ? 'savedReview' : 'saved'
			return redirect(`${here}?done=${done}`)
		}
		case 'submit':
			return afterTransition(await submitOrgProduct(context.db, actor, id), 'submitted')
		case 'archive':
			return afterTransition(await archiveOrgProduct(context.db, actor, id), 'archived')
		case 'restore':
			return afterTransition(await restoreOrgProduct(context.db, actor, id), 'restored')
		case 'deleteImage': {
			const deleted = await deleteProductImage(context.db, context.env.dataDir, actor, id, value.imageId)
			if (!deleted) throw notFound()
			return redirect(`${here}?done=imageDeleted`)
		}
		case 'uploadImages': {
			const result = await addProductImages(context.db, context.env.dataDir, actor, id, value.images)
			if (result.ok) return redirect(`${here}?imagesAdded=${result.added}`)
			if (result.error === 'notFound') throw notFound()
			if (result.error === 'archived') return refuse(409, 'errors.archived')
			if (result.error === 'imageLimit') return refuse(422, 'errors.imageLimit', 'images')
			return data<ActionData>(
				{ form, result: submission.reply({ fieldErrors: { images: result.files.map((f) => f.error) } }) },
				{ status: 422 },
			)
		}
	}
}

export default function EditProductPage() {
	const { org, product, maxImages, flash, imagesAdded } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation(['workspace', 'common'])
	const here = `/workspace/products/${product.id}`
	const archived = product.status === 'archived'
	const canSubmit = product.status === 'draft' || product.status === 'rejected'
	const imageErrors =
		actionData?.form === 'images'
			? { form: actionData.result.error?.[''] ?? null, images: actionData.result.error?.images ?? null }
			: undefined
	return (
		<WorkspaceShell
			orgName={org.name}
			orgPending={org.pending}
			roles={org.roles}
			title={product.name}
			actions={
				<>
					<Link to={`/workspace/products/${product.id}/preview`} className="btn-secondary">
						{t('edit.preview')}
					</Link>
					<Link to="/workspace/products" className="btn-secondary">
						{t('edit.back')}
					</Link>
				</>
			}
		>
			{/* After a refused action the loader is not re-run: its flash belongs to an earlier request. */}
			<div className="space-y-4" hidden={!!actionData}>
				{flash ? (
					<Notice tone={flash === 'savedReview' ? 'warning' : 'success'}>{t(`edit.flash.${flash}`)}</Notice>
				) : null}
				{imagesAdded > 0 ? <Notice>{t('edit.flash.imagesAdded', { count: imagesAdded })}</Notice> : null}
			</div>

			<div className="mt-4 grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
				<div className="min-w-0">
					<ProductForm
						key={product.updatedAt}
						action={here}
						lastResult={actionData?.form === 'product' ? actionData.result : undefined}
						defaultValue={toFormDefaults(product)}
						submitLabel={t('form.save')}
						disabled={archived}
						notice={
							archived ? (
								<Notice tone="info">{t('edit.archivedReadOnly')}</Notice>
							) : product.status === 'published' ? (
								<Notice tone="info">{t('form.savingResets')}</Notice>
							) : null
						}
					/>
				</div>

				<div className="space-y-6">
					<section aria-labelledby="workflow-heading" className="card p-5">
						<h2 id="workflow-heading" className="text-lg font-semibold text-slate-900">
							{t('edit.workflow')}
						</h2>
						<p className="mt-3 flex items-center gap-2 text-sm">
							<span className="text-slate-600">{t('edit.statusLabel')}</span>
							<StatusBadge status={product.status} />
						</p>
						<p className="mt-2 text-sm text-slate-700">{t(`statusHelp.${product.status}`)}</p>
						{product.status === 'rejected' && product.statusReason ? (
							<p className="break-anywhere mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
								{t('edit.reason', { reason: product.statusReason })}
							</p>
						) : null}
						<p className="break-anywhere mt-2 font-mono text-xs text-slate-500">
							{t('edit.ref', { ref: product.ref })}
						</p>
						<div className="mt-4 space-y-3">
							{actionData?.form === 'workflow' ? (
								<FormAlert ns="workspace" errors={actionData.result.error?.[''] ?? null} />
							) : null}
							{canSubmit && org.pending ? (
								<p className="text-sm text-slate-700">{t('edit.submitAfterVerification')}</p>
							) : canSubmit ? (
								<Form method="post" action={here}>
									<button type="submit" name="intent" value="submit" className="btn-primary w-full">
										{t('edit.submit')}
									</button>
									<p className="mt-1.5 text-sm text-slate-600">{t('edit.submitHint')}</p>
								</Form>
							) : null}
							{archived ? (
								<Form method="post" action={here}>
									<button type="submit" name="intent" value="restore" className="btn-secondary w-full">
										{t('edit.restore')}
									</button>
								</Form>
							) : (
								<Form method="post" action={here}>
									<button type="submit" name="intent" value="archive" className="btn-secondary w-full text-red-700">
										{t('edit.archive')}
									</button>
									<p className="mt-1.5 text-sm text-slate-600">{t('edit.archiveHint')}</p>
								</Form>
							)}
						</div>
					</section>

					<ImageManager
						action={here}
						images={product.images}
						max={maxImages}
						productName={product.name}
						disabled={archived}
						showReviewNote={product.status === 'published'}
						errors={imageErrors}
					/>
				</div>
			</div>
		</WorkspaceShell>
	)
}

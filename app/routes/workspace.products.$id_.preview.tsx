import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Notice } from '#app/components/form/form-kit.tsx'
import { ProductPreview } from '#app/components/workspace/product-preview.tsx'
import { StatusBadge } from '#app/components/workspace/status-badge.tsx'
import { WorkspaceShell } from '#app/components/workspace/workspace-shell.tsx'
import { requireOrgUser } from '#app/auth/permissions.server.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { getOrgProduct, parseProductId } from '#app/models/workspace-product.server.ts'

/**
 * The owner's preview of a product in any status. The public /products/:id stays 404 for
 * everything that is not published (R20); this page is where a supplier sees a draft.
 */
export const handle = { i18n: ['workspace', 'products'] }

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
	const locale = localeFromMatches(matches)
	const t = getFixedT(locale, 'workspace')
	const title = loaderData ? t('meta.preview', { name: loaderData.product.name }) : t('meta.products')
	return [{ title: withSiteName(locale, title) }, { name: 'robots', content: 'noindex' }]
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireOrgUser(request, context, { role: 'supplier' })
	const id = parseProductId(params.id)
	const product = id === null ? undefined : await getOrgProduct(context.db, user.organizationId, id)
	if (!product)
		throw new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
	return {
		org: {
			name: user.organization.name,
			pending: user.organization.status !== 'verified',
			roles: user.organization.roles,
		},
		product,
	}
}

export default function ProductPreviewPage() {
	const { org, product } = useLoaderData<typeof loader>()
	const { t } = useTranslation(['workspace', 'common'])
	return (
		<WorkspaceShell
			orgName={org.name}
			orgPending={org.pending}
			roles={org.roles}
			title={t('meta.preview', { name: product.name })}
			actions={
				<Link to={`/workspace/products/${product.id}`} className="btn-secondary">
					{t('preview.backToEdit')}
				</Link>
			}
		>
			<Notice tone="info">
				<span className="mr-2">{t('preview.banner')}</span>
				<StatusBadge status={product.status} />
			</Notice>
			<div className="mt-6">
				<ProductPreview product={product} />
			</div>
		</WorkspaceShell>
	)
}

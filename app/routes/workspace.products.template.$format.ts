import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireOrgUser } from '#app/auth/permissions.server.ts'
import { buildProductTemplate } from '#app/models/product-sheet.server.ts'

const TYPES = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

/** The product sheet template (CSV or XLSX) the bulk upload reads, as a download. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireOrgUser(request, context, { role: 'supplier' })
	const format = params.format === 'csv' || params.format === 'xlsx' ? params.format : null
	if (!format)
		throw new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
	const body = await buildProductTemplate(format)
	const ascii = `renewmatch-products-template.${format}`
	const utf8 = encodeURIComponent(`产品名录模板.${format}`)
	return new Response(new Uint8Array(body), {
		headers: {
			'Content-Type': TYPES[format],
			'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`,
			'Content-Length': String(body.byteLength),
			'X-Content-Type-Options': 'nosniff',
			'Cache-Control': 'private, max-age=3600',
		},
	})
}

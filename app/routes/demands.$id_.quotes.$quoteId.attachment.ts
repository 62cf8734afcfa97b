import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/auth/permissions.server.ts'
import { parseDemandId } from '#app/models/demand.server.ts'
import { getQuoteAttachment } from '#app/models/inquiry.server.ts'

function notFound(): Response {
	return new Response('Not Found', {
		status: 404,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
	})
}

/**
 * A quote's attachment, for the two parties of its match and administrators only; everyone else
 * gets the same 404 as for a missing file. Always a download, with the type sniffed at upload,
 * nosniff and a sandboxing CSP, so the bytes never run as a page.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const demandId = parseDemandId(params.id)
	const quoteId = parseDemandId(params.quoteId)
	if (demandId == null || quoteId == null) throw notFound()
	const file = await getQuoteAttachment(context.db, user, demandId, quoteId, { dataDir: context.env.dataDir })
	if (!file) throw notFound()
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'Content-Type': file.mime,
			'Content-Length': String(file.bytes.byteLength),
			'Content-Disposition': `attachment; filename="${file.fileName}"`,
			'X-Content-Type-Options': 'nosniff',
			'Content-Security-Policy': "default-src 'none'; sandbox",
			'Cache-Control': 'private, no-store',
		},
	})
}

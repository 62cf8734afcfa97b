import type { LoaderFunctionArgs } from '@remix-run/node'
import { getOptionalUser } from '#app/auth/permissions.server.ts'
import { getImageForViewer, imageExtension } from '#app/models/product-image.server.ts'
import { parseProductId } from '#app/models/workspace-product.server.ts'

function notFound(): Response {
	return new Response('Not Found', {
		status: 404,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
	})
}

/**
 * Serves a product image (R28): to anyone when the product is public, otherwise only to its
 * organization and zone administrators — everyone else gets the same 404 as for a missing image.
 * The type is the one sniffed at upload, never the client's; nosniff and a sandboxing CSP make
 * sure the bytes are only ever shown as an image.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const id = parseProductId(params.imageId)
	if (id === null) throw notFound()
	const image = await getImageForViewer(context.db, context.env.dataDir, id, async () => {
		const user = await getOptionalUser(request, context)
		return user ? { organizationId: user.organizationId, isAdmin: user.isAdmin } : null
	})
	if (!image) throw notFound()
	return new Response(new Uint8Array(image.body), {
		headers: {
			'Content-Type': image.mime,
			'Content-Length': String(image.body.byteLength),
			'Content-Disposition': `inline; filename="product-${image.productId}-${image.id}.${imageExtension(image.mime)}"`,
			'X-Content-Type-Options': 'nosniff',
			'Content-Security-Policy': "default-src 'none'; sandbox",
			'Cross-Origin-Resource-Policy': 'same-origin',
			// A public image may sit in shared caches for a few minutes after the product is withdrawn;
			// a private one is never stored, and depends on who asks.
			'Cache-Control': image.public ? 'public, max-age=300' : 'private, no-store',
			...(image.public ? {} : { Vary: 'Cookie' }),
		},
	})
}

import { Transform } from 'node:stream'
import {
	createReadableStreamFromReadable,
	type AppLoadContext,
	type EntryContext,
	type HandleErrorFunction,
} from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { NonceProvider } from './components/nonce-provider.tsx'
import { toLocale } from './i18n/i18n.ts'
import { i18nForLocale, i18nServer } from './i18n/i18next.server.ts'

export const streamTimeout = 5_000

export default async function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	loadContext: AppLoadContext,
) {
	// The language is the request's (one ready instance per language), never a shared global's: the
	// one the root loader detected, or detected here when the root loader did not run or failed.
	const rootData = remixContext.staticHandlerContext.loaderData.root as { locale?: string } | undefined
	const instance = i18nForLocale(toLocale(rootData?.locale ?? (await i18nServer.getLocale(request))))

	const nonce = loadContext.cspNonce ?? ''
	// Crawlers get the whole document at once; people get the shell as soon as it is ready.
	const readyEvent =
		isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode ? 'onAllReady' : 'onShellReady'

	return new Promise<Response>((resolve, reject) => {
		let shellRendered = false
		let didError = false
		const { pipe, abort } = renderToPipeableStream(
			<NonceProvider value={nonce}>
				<I18nextProvider i18n={instance}>
					<RemixServer context={remixContext} url={request.url} nonce={nonce} />
				</I18nextProvider>
			</NonceProvider>,
			{
				nonce,
				[readyEvent]() {
					shellRendered = true
					const body = withoutNulBytes()
					responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
					resolve(
						new Response(createReadableStreamFromReadable(body), {
							headers: responseHeaders,
							status: didError ? 500 : responseStatusCode,
						}),
					)
					pipe(body)
				},
				onShellError(error: unknown) {
					reject(error)
				},
				onError(error: unknown) {
					didError = true
					// Errors before the shell are reported by handleError through the rejection.
					if (shellRendered) console.error(error)
				},
			},
		)
		setTimeout(abort, streamTimeout + 1_000)
	})
}

/**
 * React 18.3's streaming renderer flushes its whole 2 KB buffer even when a multi-byte character
 * did not fit at its end, so Chinese pages get stray NUL bytes (shown as tofu, e.g. in an input's
 * placeholder) — facebook/react#26228, fixed only in React 19. HTML never needs a NUL: drop them.
 */
function withoutNulBytes(): Transform {
	return new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			callback(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk)
		},
	})
}

/** Server errors go to the log, never to the page (the ErrorBoundary shows a plain message). */
export const handleError: HandleErrorFunction = (error, { request }) => {
	if (request.signal.aborted) return
	console.error(error)
}

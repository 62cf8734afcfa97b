import { data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import {
	Links,
	Meta,
	Outlet,
	Scripts,
	ScrollRestoration,
	isRouteErrorResponse,
	useRouteLoaderData,
	type MetaFunction,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import { ErrorPage } from './components/error-page.tsx'
import { Footer } from './components/footer.tsx'
import { Header } from './components/header.tsx'
import { NavigationProgress } from './components/navigation-progress.tsx'
import { useNonce } from './components/nonce-provider.tsx'
import { getOptionalUser } from './auth/permissions.server.ts'
import { LANG_PARAM, toLocale } from './i18n/i18n.ts'
import { i18nServer, langCookie } from './i18n/i18next.server.ts'
import { getFixedT, localeFromMatches } from './i18n/translate.ts'
import { getViewer } from './models/viewer.server.ts'
import tailwindHref from './styles/tailwind.css?url'

export const handle = { i18n: 'common' }

export const links: LinksFunction = () => [
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
	{ rel: 'stylesheet', href: tailwindHref },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
	const locale = toLocale(await i18nServer.getLocale(request))
	const viewer = await getViewer(context.db, await getOptionalUser(request, context))
	const headers = new Headers()
	// The header's language links carry ?lang=: remember the choice for the next pages.
	if (new URL(request.url).searchParams.has(LANG_PARAM)) {
		headers.append('Set-Cookie', await langCookie.serialize(locale))
	}
	return data({ locale, viewer }, { headers })
}

export const meta: MetaFunction = ({ matches, error }) => {
	const t = getFixedT(localeFromMatches(matches), 'common')
	const site = t('meta.siteName')
	if (error) {
		const title =
			isRouteErrorResponse(error) && error.status === 404 ? t('errors.notFoundTitle') : t('errors.serverErrorTitle')
		return [{ title: `${title} - ${site}` }, { name: 'robots', content: 'noindex' }]
	}
	return [{ title: site }, { name: 'description', content: t('meta.description') }]
}

export function Layout({ children }: { children: ReactNode }) {
	const rootData = useRouteLoaderData<typeof loader>('root')
	const { t, i18n } = useTranslation()
	// Without root data (an unmatched URL, a failed root loader) the server instance already has
	// the detected language.
	const locale = rootData?.locale ?? toLocale(i18n.language)
	const nonce = useNonce()
	useChangeLanguage(locale)
	return (
		<html lang={locale} dir={i18n.dir(locale)}>
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<meta name="theme-color" content="#0a2d55" />
				<Meta />
				<Links />
			</head>
			<body className="flex min-h-screen flex-col">
				<a
					href="#main"
					className="sr-only z-50 rounded-md bg-white px-4 py-2 font-medium text-brand-800 shadow-lg focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
				>
					{t('skipLink')}
				</a>
				<NavigationProgress />
				<Header />
				<main id="main" tabIndex={-1} className="flex-1 outline-none">
					{children}
				</main>
				<Footer />
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export function ErrorBoundary() {
	return <ErrorPage />
}

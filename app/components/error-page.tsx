import { Link, isRouteErrorResponse, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/**
 * The page for a thrown 404/400 or an unexpected error, in the page's language. It never shows
 * the error's message or stack: those go to the server log (entry.server handleError).
 */
export function ErrorPage() {
	const error = useRouteError()
	const { t } = useTranslation()
	const status = isRouteErrorResponse(error) ? error.status : 500
	const kind = status === 404 ? 'notFound' : status >= 400 && status < 500 ? 'badRequest' : 'serverError'
	return (
		<div className="mx-auto max-w-2xl px-4 py-16 text-center">
			<p className="text-sm font-semibold tracking-wider text-brand-700">{t('errors.status', { status })}</p>
			<h1 className="mt-2 text-2xl font-bold text-slate-900 sm:text-3xl">{t(`errors.${kind}Title`)}</h1>
			<p className="mt-4 text-slate-700">{t(`errors.${kind}Text`)}</p>
			<div className="mt-8 flex flex-wrap justify-center gap-3">
				<Link to="/" className="btn-primary">
					{t('errors.backHome')}
				</Link>
				<Link to="/products" className="btn-secondary">
					{t('errors.browseProducts')}
				</Link>
			</div>
		</div>
	)
}

import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getOptionalUser } from '#app/auth/permissions.server.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { listOutbox } from '#app/models/mail.server.ts'

export const handle = { i18n: ['auth'] }

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [
		{ title: withSiteName(locale, getFixedT(locale, 'auth')('meta.devMail')) },
		{ name: 'robots', content: 'noindex' },
	]
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/

/**
 * The outbox for a developer following reset and invitation links without a mail server. It shows
 * one-time links, so it does not exist in production (a 404, as for any unknown page), and in
 * development it answers only the machine itself or a zone administrator: the dev server listens
 * on every interface by default, and a colleague on the LAN must not read other people's links.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
	if (context.env.NODE_ENV === 'production') throw new Response('Not Found', { status: 404 })
	if (!LOOPBACK.test(context.clientIp)) {
		const user = await getOptionalUser(request, context)
		if (!user?.isAdmin) throw new Response('Not Found', { status: 404 })
	}
	return { messages: await listOutbox(context.db, 50) }
}

export default function DevMailPage() {
	const { t } = useTranslation('auth')
	const locale = useAppLocale()
	const { messages } = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto max-w-4xl space-y-6 px-4 py-8">
			<div>
				<h1 className="text-2xl font-bold text-slate-900">{t('devMail.heading')}</h1>
				<p className="mt-2 text-slate-700">{t('devMail.intro')}</p>
			</div>
			{messages.length === 0 ? <p className="card p-6 text-slate-600">{t('devMail.empty')}</p> : null}
			{messages.map((m) => (
				<article key={m.id} className="card p-5" aria-labelledby={`mail-${m.id}`}>
					<h2 id={`mail-${m.id}`} className="font-semibold text-slate-900">
						{m.subject}
					</h2>
					<dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
						<dt className="text-slate-600">{t('devMail.to')}</dt>
						<dd className="break-anywhere text-slate-900">{m.to}</dd>
						<dt className="text-slate-600">{t('devMail.sentAt')}</dt>
						<dd className="text-slate-900">{new Date(m.createdAt).toLocaleString(locale)}</dd>
					</dl>
					<pre className="break-anywhere mt-3 rounded-md bg-slate-50 p-3 text-sm whitespace-pre-wrap text-slate-800">
						{m.body}
					</pre>
				</article>
			))}
		</div>
	)
}

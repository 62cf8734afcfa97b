import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthPage } from '#app/auth/auth-ui.tsx'
import { getOptionalUser, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { requestMeta } from '#app/auth/request.server.ts'
import { clearSessionCookie, destroySession, readSessionId } from '#app/auth/session.server.ts'
import { getFixedT, localeFromMatches, withSiteName } from '#app/i18n/translate.ts'
import { recordLogout } from '#app/models/account.server.ts'

export const handle = { i18n: ['auth'] }

export const meta: MetaFunction = ({ matches }) => {
	const locale = localeFromMatches(matches)
	return [{ title: withSiteName(locale, getFixedT(locale, 'auth')('account.logout')) }]
}

/** GET never logs out (R7: no state change over GET, so a link or <img> can't do it); it asks. */
export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await getOptionalUser(request, context)
	if (!user) throw redirect('/', 302)
	return null
}

/** Deletes this browser's session row and clears the cookie. */
export async function action({ request, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const user = await getOptionalUser(request, context)
	const sessionId = await readSessionId(request, context.env)
	if (sessionId) {
		if (user) await recordLogout(context.db, user, requestMeta(context))
		await destroySession(context.db, sessionId)
	}
	return redirect('/', { headers: { 'Set-Cookie': await clearSessionCookie(context.env) } })
}

export default function LogoutPage() {
	const { t } = useTranslation('auth')
	return (
		<AuthPage title={t('account.logout')} intro={t('account.logoutIntro')}>
			<Form method="post">
				<button type="submit" className="btn-primary w-full">
					{t('account.logout')}
				</button>
			</Form>
		</AuthPage>
	)
}

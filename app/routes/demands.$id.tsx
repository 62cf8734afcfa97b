import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { parseForm } from '#app/auth/form.server.ts'
import { forbidden, getOptionalUser, requireOrgUser, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { Breadcrumbs } from '#app/components/breadcrumbs.tsx'
import { DoneNotice } from '#app/components/demands/demand-header.tsx'
import { OwnerView, type ActionReply } from '#app/components/demands/owner-view.tsx'
import { PublicView } from '#app/components/demands/public-view.tsx'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { DemandActionSchema, type DemandAction } from '#app/models/demand.schema.ts'
import {
	closeDemand,
	parseDemandId,
	publishDemand,
	toActor,
	type Actor,
	type Outcome,
} from '#app/models/demand.server.ts'
import {
	getDemandPage,
	markQuoteWon,
	postMessage,
	reportDemand,
	sendInquiries,
	setShortlisted,
} from '#app/models/inquiry.server.ts'
import type { OrgRole } from '#app/models/taxonomy.ts'

export const handle = { i18n: ['demands'] }

function notFound(): Response {
	return new Response('Not Found', { status: 404 })
}

/**
 * The demand's page. What it returns depends on who asks (getDemandPage is the allowlist): the
 * public demand for anyone, plus a maker's own inquiries on it; the budget, matches, quotes and
 * revealed contacts for the owner's organization and administrators. A draft, or a closed demand
 * the viewer had no part in, is a 404.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
	const id = parseDemandId(params.id)
	if (id == null) throw notFound()
	const user = await getOptionalUser(request, context)
	const page = await getDemandPage(context.db, user, id)
	if (!page) throw notFound()
	return { page }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
	const t = getFixedT(localeFromMatches(matches), 'demands')
	if (!data) return [{ title: t('meta.title') }]
	const d = data.page.demand
	return [
		{ title: t('meta.demandTitle', { title: d.title }) },
		{ name: 'description', content: d.description.replace(/\s+/g, ' ').slice(0, 160) },
		...(data.page.view === 'owner' || d.status === 'draft' ? [{ name: 'robots', content: 'noindex' }] : []),
	]
}

const OWNER_INTENTS = new Set<DemandAction['intent']>([
	'publish',
	'close',
	'shortlist',
	'unshortlist',
	'inquire',
	'won',
])

/** One model call per intent; the models scope every id to the actor's organization (R16). */
async function perform(
	context: ActionFunctionArgs['context'],
	actor: Actor,
	id: number,
	v: DemandAction,
): Promise<Outcome<unknown>> {
	switch (v.intent) {
		case 'publish':
			return publishDemand(context, actor, id)
		case 'close':
			return closeDemand(context, actor, id, v.reason)
		case 'shortlist':
		case 'unshortlist':
			return setShortlisted(context, actor, id, v.matchId, v.intent === 'shortlist')
		case 'inquire':
			return sendInquiries(context, actor, id, {
				matchIds: v.matchIds,
				message: v.message,
				quantity: v.quantity,
				wantedDate: v.wantedDate,
			})
		case 'won':
			return markQuoteWon(context, actor, id, v.matchId)
		case 'message':
			return postMessage(context, actor, v.matchId, v.body, { demandId: id })
		case 'report':
			return reportDemand(context, actor, id, v.reason)
	}
}

export async function action({ request, params, context }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const user = await requireOrgUser(request, context, { verified: true })
	const id = parseDemandId(params.id)
	if (id == null) throw notFound()
	let formData: FormData
	try {
		formData = await request.formData()
	} catch {
		throw new Response('Bad request', { status: 400 })
	}
	const submission = parseForm(formData, DemandActionSchema)
	const intentRaw = formData.get('intent')
	const intent = typeof intentRaw === 'string' ? intentRaw.slice(0, 20) : null
	const matchIdRaw = Number(formData.get('matchId'))
	const matchId = Number.isSafeInteger(matchIdRaw) ? matchIdRaw : null
	if (submission.status !== 'success') {
		return data({ result: submission.reply(), intent, matchId } satisfies ActionReply, { status: 400 })
	}
	const v = submission.value
	const need: OrgRole | null = OWNER_INTENTS.has(v.intent) ? 'buyer' : v.intent === 'report' ? 'supplier' : null
	if (need && !user.organization.roles.includes(need)) await forbidden(request, context, user, `role ${need} required`)
	const outcome = await perform(context, toActor(user, context.clientIp), id, v)
	if (!outcome.ok) {
		if (outcome.status === 404) throw notFound()
		const reply = outcome.field
			? submission.reply({ fieldErrors: { [outcome.field]: [`errors.${outcome.code}`] } })
			: submission.reply({ formErrors: [`errors.${outcome.code}`] })
		return data({ result: reply, intent, matchId } satisfies ActionReply, { status: outcome.status })
	}
	const anchor = 'matchId' in v ? `#match-${v.matchId}` : v.intent === 'inquire' ? '#matches' : ''
	return redirect(`/demands/${id}?done=${v.intent}${anchor}`)
}

export default function DemandPage() {
	const { page } = useLoaderData<typeof loader>()
	const reply = useActionData<typeof action>() as ActionReply | undefined
	const [searchParams] = useSearchParams()
	const { t } = useTranslation(['demands', 'common'])
	const crumbs =
		page.view === 'owner'
			? [
					{ label: t('common:nav.home'), to: '/' },
					{ label: t('nav.myDemands'), to: '/my/demands' },
					{ label: page.demand.title },
				]
			: [
					{ label: t('common:nav.home'), to: '/' },
					{ label: t('detail.breadcrumb'), to: '/demands' },
					{ label: page.demand.title },
				]
	return (
		<div className="mx-auto max-w-7xl space-y-4 px-4 py-6 sm:py-8">
			<Breadcrumbs items={crumbs} />
			<DoneNotice done={reply ? null : searchParams.get('done')} />
			{page.view === 'owner' ? <OwnerView page={page} reply={reply} /> : <PublicView page={page} reply={reply} />}
		</div>
	)
}

import type { OrgRole } from '#app/models/taxonomy.ts'
import { demandFields } from '#tests/demands/helpers.ts'
import { offerFields, programFields } from '#tests/leasing-flow/helpers.ts'
import { productFields, tinyPng } from '#tests/workspace/helpers.ts'
import { ACTOR_ORG, ACTORS, ORG_PROFILE, type ActorKey, type Body, type Fields, type World } from './world.ts'

/**
 * THE authorization table (RELIABILITY R15, R16; figure F2): every route module under app/routes
 * (plus the root loader), and for each of its loader and action the status every actor must get,
 * on objects of its own organization and of others. authz-matrix.test.ts reads app/routes at run
 * time and fails when a route file — or a loader/action a module exports — has no entry here, so
 * a new route can't be forgotten.
 *
 * Expectations:
 *   200/400/401/403/404/409 — that status (a thrown or returned Response, or data()'s init.status);
 *   302      — a redirect that is not a guard's (/login, /org/new): the call did its job;
 *   'login'  — 302 to /login?redirectTo=… (signed out);
 *   'orgNew' — 302 to /org/new (signed in without an organization: also the zone admin, who has none);
 *   'account'/'home' — 302 to /account… or to /.
 * Only action cells expecting 200, 302 or 'home' may write to the database (audit rows of denials
 * and session bookkeeping excepted); every other cell, and every loader, must leave every table as
 * it was.
 *
 * Action probes: a denied actor gets a form that WOULD change the object if the guard or the SQL
 * scoping failed (close, decline, withdraw, archive, remove member, disable…); an entitled actor
 * gets a harmless success (a message, re-saving the same values, marking its own notification
 * read) or, where every valid intent is destructive, an invalid form (400 proves it got past the
 * guard). Per-cell fields are chosen by `fields(world, actor)`.
 */

export type Exp = 200 | 302 | 400 | 401 | 403 | 404 | 409 | 'login' | 'orgNew' | 'account' | 'home'
export type ActorMap = Record<ActorKey, Exp>

export type LoaderCase = {
	name: string
	path: (w: World) => string
	params?: (w: World) => Record<string, string>
	expect: ActorMap
}

export type ActionCase = LoaderCase & {
	fields: (w: World, actor: ActorKey) => Body
	/** Sign the actor in with a session of its own for this call (logout ends it). */
	freshSession?: boolean
}

export type RouteEntry = {
	/** null: the module exports no loader. */
	loader: LoaderCase[] | null
	/** null: the module exports no action. */
	action: ActionCase[] | null
	note?: string
}

// ───────────────────────── expectation builders ─────────────────────────

function map(fn: (a: ActorKey) => Exp): ActorMap {
	return Object.fromEntries(ACTORS.map((a) => [a, fn(a)])) as ActorMap
}

/** The same answer for everyone. */
export function everyone(e: Exp, over: Partial<ActorMap> = {}): ActorMap {
	return map((a) => over[a] ?? e)
}

/** requireUser: anonymous goes to /login, everyone else gets `e`. */
export function signedIn(e: Exp, over: Partial<ActorMap> = {}): ActorMap {
	return map((a) => (a === 'anon' ? 'login' : (over[a] ?? e)))
}

/** requireAdmin: /login for anonymous, 403 for every non-admin. */
export function adminOnly(e: Exp): ActorMap {
	return map((a) => (a === 'anon' ? 'login' : a === 'admin' ? e : 403))
}

/**
 * requireOrgUser(role, verified): /login for anonymous, /org/new without an organization (the
 * admin has none), 403 for a pending organization when verification is required and for a missing
 * role; whoever passes the guard gets `pass[actor]`, or `otherwise` (404: not theirs).
 */
export function org(
	opts: { role?: OrgRole; verified?: boolean },
	pass: Partial<ActorMap>,
	otherwise: Exp = 404,
): ActorMap {
	return map((a) => {
		if (a === 'anon') return 'login'
		const place = ACTOR_ORG[a]
		if (!place) return 'orgNew'
		const profile = ORG_PROFILE[place.org]
		if (opts.verified && profile.status !== 'verified') return 403
		if (opts.role && !profile.roles.includes(opts.role)) return 403
		return pass[a] ?? otherwise
	})
}

/** requireOrgOwner: like org() with a 403 for members. */
export function owner(pass: Partial<ActorMap>, otherwise: Exp = 404): ActorMap {
	return map((a) => {
		const base = org({}, pass, otherwise)[a]
		return ACTOR_ORG[a]?.role === 'member' ? 403 : base
	})
}

const id = (n: number) => String(n)
const MISSING = '987654'

/** Fields that every schema here rejects (an unknown intent). */
const INVALID: Fields = { intent: 'no-such-intent' }

function demandForm(form: Fields, intent: string): Fields {
	return { ...form, intent }
}

/**
 * One probe per intent of a multi-intent form (R16: swap every id into another organization's
 * session). Every actor but `own` posts the real intent, which the guard or the SQL scoping must
 * refuse without a write; the `own` actors post an unknown intent (400: past the guard, nothing
 * changed), so the sweep never alters the world.
 */
function sweep(
	label: string,
	at: { path: (w: World) => string; params?: (w: World) => Record<string, string> },
	own: readonly ActorKey[],
	expect: ActorMap,
	intents: Record<string, (w: World) => Body>,
): ActionCase[] {
	return Object.entries(intents).map(([intent, real]) => ({
		name: `${label}: ${intent}`,
		...at,
		fields: (w, a) => (own.includes(a) ? INVALID : real(w)),
		expect,
	}))
}

/** A FormData with one real PNG under `images`. */
function imageUpload(): FormData {
	const fd = new FormData()
	fd.append('intent', 'uploadImages')
	fd.append('images', new File([tinyPng() as BlobPart], 'a.png', { type: 'image/png' }))
	return fd
}

const QUOTE_FORM: Fields = {
	intent: 'quote',
	unitPrice: '100000',
	totalPrice: '600000',
	deliveryDate: '2030-04-30',
	validUntil: '2030-03-31',
	note: '他人报价',
}

// ───────────────────────── the table ─────────────────────────

export const ROUTE_TABLE: Record<string, RouteEntry> = {
	root: {
		note: 'app/root.tsx: the layout loader every page runs (viewer, locale).',
		loader: [{ name: 'any page', path: () => '/', expect: everyone(200) }],
		action: null,
	},
	_index: {
		loader: [{ name: 'home', path: () => '/', expect: everyone(200) }],
		action: null,
	},
	'account._index': {
		loader: [{ name: 'own account', path: () => '/account', expect: signedIn(200) }],
		action: [
			{
				name: 'rename self',
				path: () => '/account',
				fields: () => ({ intent: 'profile', name: '测试 姓名' }),
				expect: signedIn(302),
			},
		],
	},
	admin: {
		loader: [{ name: 'admin layout', path: () => '/admin', expect: adminOnly(200) }],
		action: null,
	},
	'admin._index': {
		loader: [{ name: 'overview', path: () => '/admin', expect: adminOnly(200) }],
		action: null,
	},
	'admin.audit': {
		loader: [{ name: 'audit log', path: () => '/admin/audit', expect: adminOnly(200) }],
		action: null,
	},
	'admin.organizations._index': {
		loader: [{ name: 'list', path: () => '/admin/organizations', expect: adminOnly(200) }],
		action: [
			{
				name: 'disable C (admin: enable an enabled org → 409, nothing written)',
				path: () => '/admin/organizations?index',
				fields: (w, a) =>
					a === 'admin'
						? { intent: 'enable', organizationId: id(w.orgs.C.id) }
						: { intent: 'disable', organizationId: id(w.orgs.C.id), reason: '违规' },
				expect: adminOnly(409),
			},
		],
	},
	'admin.organizations.$id': {
		loader: [
			{
				name: "C's record",
				path: (w) => `/admin/organizations/${w.orgs.C.id}`,
				params: (w) => ({ id: id(w.orgs.C.id) }),
				expect: adminOnly(200),
			},
			// Admins read every organization's record, contacts included (the only place E, F and P's show).
			...(['A', 'B', 'D', 'E', 'F', 'P'] as const).map((k): LoaderCase => ({
				name: `${k}'s record`,
				path: (w) => `/admin/organizations/${w.orgs[k].id}`,
				params: (w) => ({ id: id(w.orgs[k].id) }),
				expect: adminOnly(200),
			})),
			{
				name: 'missing id',
				path: () => `/admin/organizations/${MISSING}`,
				params: () => ({ id: MISSING }),
				expect: adminOnly(404),
			},
		],
		action: [
			{
				name: 'approve pending P (admin: enable verified C → 409)',
				path: (w) => `/admin/organizations/${w.orgs.P.id}`,
				params: (w) => ({ id: id(w.orgs.P.id) }),
				fields: (w, a) => ({ intent: a === 'admin' ? 'enable' : 'approve', organizationId: id(w.orgs.P.id) }),
				expect: adminOnly(409),
			},
		],
	},
	'admin.products._index': {
		loader: [{ name: 'review queue', path: () => '/admin/products', expect: adminOnly(200) }],
		action: [
			{
				name: "approve A's pending product (admin: approve a published one → 409)",
				path: () => '/admin/products?index',
				fields: (w, a) => ({
					intent: 'approve',
					productId: id(a === 'admin' ? w.ids.productAPublished : w.ids.productAPending),
				}),
				expect: adminOnly(409),
			},
		],
	},
	'admin.users._index': {
		loader: [{ name: 'users', path: () => '/admin/users', expect: adminOnly(200) }],
		action: [
			{
				name: 'disable buyer C (admin: enable an active user → 409)',
				path: () => '/admin/users?index',
				fields: (w, a) => ({ intent: a === 'admin' ? 'enable' : 'disable', userId: id(w.users.buyC.id) }),
				expect: adminOnly(409),
			},
		],
	},
	'api.v1.demands.$ref.matches': {
		note: 'JSON API: 401 when signed out, 404 for any demand not of your organization.',
		loader: [
			{
				name: "C's open demand",
				path: (w) => `/api/v1/demands/${w.refs.demandCOpen}/matches`,
				params: (w) => ({ ref: w.refs.demandCOpen }),
				expect: everyone(404, { anon: 401, admin: 200, buyC: 200 }),
			},
			{
				name: "C's draft demand",
				path: (w) => `/api/v1/demands/${w.refs.demandCDraft}/matches`,
				params: (w) => ({ ref: w.refs.demandCDraft }),
				expect: everyone(404, { anon: 401, admin: 200, buyC: 200 }),
			},
			{
				name: "D's open demand",
				path: (w) => `/api/v1/demands/${w.refs.demandDOpen}/matches`,
				params: (w) => ({ ref: w.refs.demandDOpen }),
				expect: everyone(404, { anon: 401, admin: 200, buyD: 200 }),
			},
		],
		action: null,
	},
	'demands.$id': {
		loader: [
			{
				name: "C's open demand (public view for others)",
				path: (w) => `/demands/${w.ids.demandCOpen}`,
				params: (w) => ({ id: id(w.ids.demandCOpen) }),
				expect: everyone(200),
			},
			{
				name: "C's draft demand",
				path: (w) => `/demands/${w.ids.demandCDraft}`,
				params: (w) => ({ id: id(w.ids.demandCDraft) }),
				expect: everyone(404, { admin: 200, buyC: 200 }),
			},
			{
				name: "D's open demand",
				path: (w) => `/demands/${w.ids.demandDOpen}`,
				params: (w) => ({ id: id(w.ids.demandDOpen) }),
				expect: everyone(200),
			},
		],
		action: [
			{
				name: "message on C's quoted match A–C (the two parties may)",
				path: (w) => `/demands/${w.ids.demandCOpen}`,
				params: (w) => ({ id: id(w.ids.demandCOpen) }),
				fields: (w) => ({ intent: 'message', matchId: id(w.ids.matchAC), body: '请确认交货期' }),
				expect: org({ verified: true }, { buyC: 302, supA: 302, supA2: 302 }),
			},
			{
				name: "publish C's draft (C: invalid form)",
				path: (w) => `/demands/${w.ids.demandCDraft}`,
				params: (w) => ({ id: id(w.ids.demandCDraft) }),
				fields: (_w, a) => (a === 'buyC' ? INVALID : { intent: 'publish' }),
				// publish needs the buyer role (403 before any lookup); another buyer gets 404.
				expect: org({ verified: true }, { buyC: 400, buyD: 404 }, 403),
			},
			{
				name: "close D's demand (D: invalid form)",
				path: (w) => `/demands/${w.ids.demandDOpen}`,
				params: (w) => ({ id: id(w.ids.demandDOpen) }),
				fields: (_w, a) => (a === 'buyD' ? INVALID : { intent: 'close', reason: 'cancelled' }),
				expect: org({ verified: true }, { buyD: 400, buyC: 404 }, 403),
			},
			...sweep(
				"C's open demand, buyer intents",
				{ path: (w) => `/demands/${w.ids.demandCOpen}`, params: (w) => ({ id: id(w.ids.demandCOpen) }) },
				['buyC'],
				// The buyer's intents need the buyer role (403 before any lookup); another buyer gets 404.
				org({ verified: true }, { buyC: 400, buyD: 404 }, 403),
				{
					publish: () => ({ intent: 'publish' }),
					close: () => ({ intent: 'close', reason: 'cancelled' }),
					shortlist: (w) => ({ intent: 'shortlist', matchId: id(w.ids.matchBC) }),
					unshortlist: (w) => ({ intent: 'unshortlist', matchId: id(w.ids.matchBC) }),
					inquire: (w) => ({
						intent: 'inquire',
						matchIds: [id(w.ids.matchBC)],
						message: '请报价',
						quantity: '6',
						wantedDate: '2030-05-31',
					}),
					won: (w) => ({ intent: 'won', matchId: id(w.ids.matchAC) }),
				},
			),
			...sweep(
				"C's open demand, B's unanswered match",
				{ path: (w) => `/demands/${w.ids.demandCOpen}`, params: (w) => ({ id: id(w.ids.demandCOpen) }) },
				['buyC'],
				org({ verified: true }, { buyC: 400 }),
				{ message: (w) => ({ intent: 'message', matchId: id(w.ids.matchBC), body: '冒充买方' }) },
			),
			...sweep(
				"C's open demand, report",
				{ path: (w) => `/demands/${w.ids.demandCOpen}`, params: (w) => ({ id: id(w.ids.demandCOpen) }) },
				['supA', 'supA2', 'supB'],
				org({ verified: true }, { supA: 400, supA2: 400, supB: 400 }, 403),
				{ report: () => ({ intent: 'report', reason: '虚假需求信息' }) },
			),
			{
				name: "shortlist B's match on C's demand through D's page",
				path: (w) => `/demands/${w.ids.demandDOpen}`,
				params: (w) => ({ id: id(w.ids.demandDOpen) }),
				fields: (w) => ({ intent: 'shortlist', matchId: id(w.ids.matchBC) }),
				expect: org({ verified: true }, { buyC: 404, buyD: 404 }, 403),
			},
		],
	},
	'demands.$id_.edit': {
		loader: [
			{
				name: "C's draft",
				path: (w) => `/demands/${w.ids.demandCDraft}/edit`,
				params: (w) => ({ id: id(w.ids.demandCDraft) }),
				expect: org({ role: 'buyer', verified: true }, { buyC: 200 }),
			},
			{
				name: "D's open demand",
				path: (w) => `/demands/${w.ids.demandDOpen}/edit`,
				params: (w) => ({ id: id(w.ids.demandDOpen) }),
				expect: org({ role: 'buyer', verified: true }, { buyD: 200 }),
			},
		],
		action: [
			{
				name: "save C's draft with its own values",
				path: (w) => `/demands/${w.ids.demandCDraft}/edit`,
				params: (w) => ({ id: id(w.ids.demandCDraft) }),
				fields: (w, a) =>
					demandForm(a === 'buyC' ? w.forms.demandCDraft : demandFields({ title: '篡改他人需求' }), 'draft'),
				expect: org({ role: 'buyer', verified: true }, { buyC: 302 }),
			},
			...sweep(
				"C's draft",
				{ path: (w) => `/demands/${w.ids.demandCDraft}/edit`, params: (w) => ({ id: id(w.ids.demandCDraft) }) },
				['buyC'],
				org({ role: 'buyer', verified: true }, { buyC: 400 }),
				{ publish: (w) => ({ ...w.forms.demandCDraft, intent: 'publish', title: '他人发布' }) },
			),
			{
				name: "save D's open demand with its own values",
				path: (w) => `/demands/${w.ids.demandDOpen}/edit`,
				params: (w) => ({ id: id(w.ids.demandDOpen) }),
				fields: (w, a) =>
					demandForm(a === 'buyD' ? w.forms.demandDOpen : demandFields({ title: '篡改他人需求' }), 'save'),
				expect: org({ role: 'buyer', verified: true }, { buyD: 302 }),
			},
		],
	},
	'demands.$id_.leasing': {
		loader: (
			[
				{
					name: "C's leasing demand (offers, comparison)",
					path: (w) => `/demands/${w.ids.demandCOpen}/leasing`,
					params: (w) => ({ id: id(w.ids.demandCOpen) }),
					expect: org({}, { buyC: 200 }, 404),
				},
				{
					name: "D's demand",
					path: (w) => `/demands/${w.ids.demandDOpen}/leasing`,
					params: (w) => ({ id: id(w.ids.demandDOpen) }),
					expect: org({}, { buyD: 200 }, 404),
				},
				// An admin reads any demand's leasing page (read-only).
			] satisfies LoaderCase[]
		).map((c) => ({ ...c, expect: { ...c.expect, admin: 200 as const } })),
		action: [
			{
				name: "decline E's offer on C's demand (C: repeat its request to E → no change)",
				path: (w) => `/demands/${w.ids.demandCOpen}/leasing`,
				params: (w) => ({ id: id(w.ids.demandCOpen) }),
				fields: (w, a) =>
					a === 'buyC'
						? { intent: 'request', programId: id(w.ids.programE) }
						: { intent: 'decline', offerId: id(w.ids.offerEC), reason: '条件不合适' },
				expect: org({}, { buyC: 302 }),
			},
			...sweep(
				"C's leasing demand",
				{ path: (w) => `/demands/${w.ids.demandCOpen}/leasing`, params: (w) => ({ id: id(w.ids.demandCOpen) }) },
				['buyC'],
				org({}, { buyC: 400 }),
				{
					request: (w) => ({ intent: 'request', programId: id(w.ids.programF) }),
					accept: (w) => ({ intent: 'accept', offerId: id(w.ids.offerEC) }),
				},
			),
			{
				name: "accept C's offer through D's page",
				path: (w) => `/demands/${w.ids.demandDOpen}/leasing`,
				params: (w) => ({ id: id(w.ids.demandDOpen) }),
				fields: (w) => ({ intent: 'accept', offerId: id(w.ids.offerEC) }),
				expect: org({}, {}),
			},
		],
	},
	'demands.$id_.quotes.$quoteId.attachment': {
		loader: [
			{
				name: "A's quote on C's demand",
				path: (w) => `/demands/${w.ids.demandCOpen}/quotes/${w.ids.quoteAC}/attachment`,
				params: (w) => ({ id: id(w.ids.demandCOpen), quoteId: id(w.ids.quoteAC) }),
				expect: signedIn(404, { admin: 200, buyC: 200, supA: 200, supA2: 200 }),
			},
			{
				name: "A's quote under D's demand id",
				path: (w) => `/demands/${w.ids.demandDOpen}/quotes/${w.ids.quoteAC}/attachment`,
				params: (w) => ({ id: id(w.ids.demandDOpen), quoteId: id(w.ids.quoteAC) }),
				expect: signedIn(404),
			},
			{
				name: "B's quote on D's demand",
				path: (w) => `/demands/${w.ids.demandDOpen}/quotes/${w.ids.quoteBD}/attachment`,
				params: (w) => ({ id: id(w.ids.demandDOpen), quoteId: id(w.ids.quoteBD) }),
				expect: signedIn(404, { admin: 200, buyD: 200, supB: 200 }),
			},
		],
		action: null,
	},
	'demands._index': {
		loader: [{ name: 'public demand search', path: () => '/demands', expect: everyone(200) }],
		action: null,
	},
	'demands.new': {
		loader: [{ name: 'form', path: () => '/demands/new', expect: org({ role: 'buyer', verified: true }, {}, 200) }],
		action: [
			{
				name: 'create a draft',
				path: () => '/demands/new',
				fields: () => demandFields({ intent: 'draft', title: '新建草稿需求' }),
				expect: org({ role: 'buyer', verified: true }, {}, 302),
			},
		],
	},
	'dev.mail': {
		note: 'Development mail outbox: loopback or admin only; the matrix calls it from a non-loopback address.',
		loader: [{ name: 'outbox', path: () => '/dev/mail', expect: everyone(404, { admin: 200 }) }],
		action: null,
	},
	'forgot-password': {
		loader: [{ name: 'form', path: () => '/forgot-password', expect: everyone(200) }],
		action: [{ name: 'empty form', path: () => '/forgot-password', fields: () => ({}), expect: everyone(400) }],
	},
	'invite.$token': {
		loader: [
			{ name: 'unknown token', path: () => '/invite/nope', params: () => ({ token: 'nope' }), expect: everyone(404) },
			{
				name: "A's pending invitation (anyone holding the link)",
				path: (w) => `/invite/${w.inviteToken}`,
				params: (w) => ({ token: w.inviteToken }),
				expect: everyone(200),
			},
		],
		action: [
			{
				name: 'unknown token, empty form',
				path: () => '/invite/nope',
				params: () => ({ token: 'nope' }),
				fields: () => ({}),
				expect: everyone(400),
			},
			{
				name: 'unknown token, accept',
				path: () => '/invite/nope',
				params: () => ({ token: 'nope' }),
				fields: () => ({ intent: 'accept' }),
				expect: signedIn(404),
			},
		],
	},
	'leasing._index': {
		loader: [{ name: 'public programmes', path: () => '/leasing', expect: everyone(200) }],
		action: null,
	},
	'leasing.programs.$id': {
		loader: [
			{
				name: "E's active programme",
				path: (w) => `/leasing/programs/${w.ids.programE}`,
				params: (w) => ({ id: id(w.ids.programE) }),
				expect: everyone(200),
			},
			{
				name: "E's paused programme (not public, not even to E)",
				path: (w) => `/leasing/programs/${w.ids.programEPaused}`,
				params: (w) => ({ id: id(w.ids.programEPaused) }),
				expect: everyone(404),
			},
		],
		action: null,
	},
	login: {
		loader: [{ name: 'form', path: () => '/login', expect: everyone('account', { anon: 200 }) }],
		action: [{ name: 'empty form', path: () => '/login', fields: () => ({}), expect: everyone(400) }],
	},
	logout: {
		loader: [{ name: 'confirm', path: () => '/logout', expect: everyone(200, { anon: 'home' }) }],
		action: [
			{ name: 'log out', path: () => '/logout', fields: () => ({}), freshSession: true, expect: everyone('home') },
		],
	},
	'media.products.$imageId': {
		loader: [
			{
				name: "image of A's published product",
				path: (w) => `/media/products/${w.ids.imageAPublished}`,
				params: (w) => ({ imageId: id(w.ids.imageAPublished) }),
				expect: everyone(200),
			},
			{
				name: "image of A's draft product",
				path: (w) => `/media/products/${w.ids.imageADraft}`,
				params: (w) => ({ imageId: id(w.ids.imageADraft) }),
				expect: everyone(404, { admin: 200, supA: 200, supA2: 200 }),
			},
		],
		action: null,
	},
	'my.demands': {
		loader: [
			{ name: 'own demands', path: () => '/my/demands', expect: org({ role: 'buyer', verified: true }, {}, 200) },
		],
		action: null,
	},
	notifications: {
		loader: [{ name: 'own notifications', path: () => '/notifications', expect: signedIn(200) }],
		action: [
			{
				name: "mark C's notification read",
				path: () => '/notifications',
				fields: (w) => ({ intent: 'read', id: id(w.ids.notificationC) }),
				expect: signedIn(404, { buyC: 302 }),
			},
		],
	},
	'org.members': {
		loader: [{ name: 'members', path: () => '/org/members', expect: owner({}, 200) }],
		action: [
			{
				name: "remove A's member A3",
				path: () => '/org/members',
				fields: (w) => ({ intent: 'remove', userId: id(w.victimA3.id) }),
				expect: owner({ supA: 302 }, 404),
			},
			...sweep("A's pending invitation", { path: () => '/org/members' }, ['supA'], owner({ supA: 400 }, 404), {
				revoke: (w) => ({ intent: 'revoke', invitationId: id(w.ids.invitationA) }),
			}),
		],
	},
	'org.new': {
		loader: [
			{ name: 'register form', path: () => '/org/new', expect: signedIn('account', { admin: 200, noOrg: 200 }) },
		],
		action: [{ name: 'empty form', path: () => '/org/new', fields: () => ({}), expect: signedIn(400) }],
	},
	policy: { loader: null, action: null, note: 'Static page: no loader, no action.' },
	'products.$id': {
		loader: [
			{
				name: "A's published product",
				path: (w) => `/products/${w.ids.productAPublished}`,
				params: (w) => ({ id: id(w.ids.productAPublished) }),
				expect: everyone(200),
			},
			{
				name: "A's draft product (public page: nobody)",
				path: (w) => `/products/${w.ids.productADraft}`,
				params: (w) => ({ id: id(w.ids.productADraft) }),
				expect: everyone(404),
			},
			{
				name: "A's product in review",
				path: (w) => `/products/${w.ids.productAPending}`,
				params: (w) => ({ id: id(w.ids.productAPending) }),
				expect: everyone(404),
			},
			{
				name: "pending organization P's 'published' product",
				path: (w) => `/products/${w.ids.productPPublished}`,
				params: (w) => ({ id: id(w.ids.productPPublished) }),
				expect: everyone(404),
			},
		],
		action: null,
	},
	'products._index': {
		loader: [{ name: 'public product search', path: () => '/products', expect: everyone(200) }],
		action: null,
	},
	'reset-password.$token': {
		loader: [
			{
				name: 'unknown token',
				path: () => '/reset-password/nope',
				params: () => ({ token: 'nope' }),
				expect: everyone(404),
			},
		],
		action: [
			{
				name: 'unknown token, empty form',
				path: () => '/reset-password/nope',
				params: () => ({ token: 'nope' }),
				fields: () => ({}),
				expect: everyone(400),
			},
		],
	},
	signup: {
		loader: [{ name: 'form', path: () => '/signup', expect: everyone('account', { anon: 200 }) }],
		action: [{ name: 'empty form', path: () => '/signup', fields: () => ({}), expect: everyone(400) }],
	},
	'suppliers.$id': {
		loader: [
			{
				name: 'verified organization A',
				path: (w) => `/suppliers/${w.orgs.A.id}`,
				params: (w) => ({ id: id(w.orgs.A.id) }),
				expect: everyone(200),
			},
			{
				name: 'pending organization P',
				path: (w) => `/suppliers/${w.orgs.P.id}`,
				params: (w) => ({ id: id(w.orgs.P.id) }),
				expect: everyone(404),
			},
		],
		action: null,
	},
	'suppliers._index': {
		loader: [{ name: 'public supplier search', path: () => '/suppliers', expect: everyone(200) }],
		action: null,
	},
	'workspace._index': {
		loader: [{ name: 'dashboard', path: () => '/workspace', expect: org({}, {}, 200) }],
		action: null,
	},
	'workspace.inquiries.$matchId': {
		loader: [
			{
				name: 'inquiry C → A',
				path: (w) => `/workspace/inquiries/${w.ids.matchAC}`,
				params: (w) => ({ matchId: id(w.ids.matchAC) }),
				expect: org({ role: 'supplier', verified: true }, { supA: 200, supA2: 200 }),
			},
			{
				name: 'inquiry D → B',
				path: (w) => `/workspace/inquiries/${w.ids.matchBD}`,
				params: (w) => ({ matchId: id(w.ids.matchBD) }),
				expect: org({ role: 'supplier', verified: true }, { supB: 200 }),
			},
			{
				name: "B's match on C's demand (suggested, never asked)",
				path: (w) => `/workspace/inquiries/${w.ids.matchBC}`,
				params: (w) => ({ matchId: id(w.ids.matchBC) }),
				expect: org({ role: 'supplier', verified: true }, {}),
			},
		],
		action: [
			{
				name: 'message on inquiry C → A',
				path: (w) => `/workspace/inquiries/${w.ids.matchAC}`,
				params: (w) => ({ matchId: id(w.ids.matchAC) }),
				fields: () => ({ intent: 'message', body: '可以按期交货' }),
				expect: org({ role: 'supplier', verified: true }, { supA: 302, supA2: 302 }),
			},
			...sweep(
				'inquiry C → A',
				{
					path: (w) => `/workspace/inquiries/${w.ids.matchAC}`,
					params: (w) => ({ matchId: id(w.ids.matchAC) }),
				},
				['supA', 'supA2'],
				org({ role: 'supplier', verified: true }, { supA: 400, supA2: 400 }),
				{
					quote: () => QUOTE_FORM,
					decline: () => ({ intent: 'decline', reason: '无法供货' }),
					message: () => ({ intent: 'message', body: '冒充供方' }),
				},
			),
			{
				name: 'decline inquiry D → B (B: a message instead)',
				path: (w) => `/workspace/inquiries/${w.ids.matchBD}`,
				params: (w) => ({ matchId: id(w.ids.matchBD) }),
				fields: (_w, a) =>
					a === 'supB' ? { intent: 'message', body: '已报价' } : { intent: 'decline', reason: '无法供货' },
				expect: org({ role: 'supplier', verified: true }, { supB: 302 }),
			},
		],
	},
	'workspace.inquiries._index': {
		loader: [
			{
				name: 'own inquiries',
				path: () => '/workspace/inquiries',
				expect: org({ role: 'supplier', verified: true }, {}, 200),
			},
		],
		action: null,
	},
	'workspace.leasing._index': {
		loader: [
			{
				name: 'lessor workspace',
				path: () => '/workspace/leasing',
				expect: org({ role: 'lessor', verified: true }, {}, 200),
			},
		],
		action: null,
	},
	'workspace.leasing.demands.$demandId': {
		loader: [
			{
				name: "C's open leasing demand",
				path: (w) => `/workspace/leasing/demands/${w.ids.demandCOpen}`,
				params: (w) => ({ demandId: id(w.ids.demandCOpen) }),
				expect: org({ role: 'lessor', verified: true }, {}, 200),
			},
			{
				name: "C's draft demand",
				path: (w) => `/workspace/leasing/demands/${w.ids.demandCDraft}`,
				params: (w) => ({ demandId: id(w.ids.demandCDraft) }),
				expect: org({ role: 'lessor', verified: true }, {}),
			},
			{
				name: "D's demand (no leasing wanted)",
				path: (w) => `/workspace/leasing/demands/${w.ids.demandDOpen}`,
				params: (w) => ({ demandId: id(w.ids.demandDOpen) }),
				expect: org({ role: 'lessor', verified: true }, {}),
			},
		],
		action: [
			{
				name: "withdraw E's offer (E: preview an offer, writes nothing)",
				path: (w) => `/workspace/leasing/demands/${w.ids.demandCOpen}`,
				params: (w) => ({ demandId: id(w.ids.demandCOpen) }),
				fields: (w, a) =>
					a === 'lesE' ? offerFields({ intent: 'preview' }) : { intent: 'withdraw', offerId: id(w.ids.offerEC) },
				expect: org({ role: 'lessor', verified: true }, { lesE: 200 }),
			},
			{
				name: "send an offer on C's draft",
				path: (w) => `/workspace/leasing/demands/${w.ids.demandCDraft}`,
				params: (w) => ({ demandId: id(w.ids.demandCDraft) }),
				fields: () => offerFields(),
				expect: org({ role: 'lessor', verified: true }, {}),
			},
			{
				name: "send an offer on D's demand (no leasing wanted)",
				path: (w) => `/workspace/leasing/demands/${w.ids.demandDOpen}`,
				params: (w) => ({ demandId: id(w.ids.demandDOpen) }),
				fields: () => offerFields(),
				expect: org({ role: 'lessor', verified: true }, {}),
			},
		],
	},
	'workspace.leasing.programs.$id': {
		loader: [
			{
				name: "E's programme",
				path: (w) => `/workspace/leasing/programs/${w.ids.programE}`,
				params: (w) => ({ id: id(w.ids.programE) }),
				expect: org({ role: 'lessor', verified: true }, { lesE: 200 }),
			},
			{
				name: "E's paused programme",
				path: (w) => `/workspace/leasing/programs/${w.ids.programEPaused}`,
				params: (w) => ({ id: id(w.ids.programEPaused) }),
				expect: org({ role: 'lessor', verified: true }, { lesE: 200 }),
			},
		],
		action: [
			{
				name: "pause E's programme (E: save it unchanged)",
				path: (w) => `/workspace/leasing/programs/${w.ids.programE}`,
				params: (w) => ({ id: id(w.ids.programE) }),
				fields: (w, a) => (a === 'lesE' ? { ...w.forms.programE, intent: 'save' } : { intent: 'pause' }),
				expect: org({ role: 'lessor', verified: true }, { lesE: 302 }),
			},
			...sweep(
				"E's programme",
				{
					path: (w) => `/workspace/leasing/programs/${w.ids.programE}`,
					params: (w) => ({ id: id(w.ids.programE) }),
				},
				['lesE'],
				org({ role: 'lessor', verified: true }, { lesE: 400 }),
				{
					save: (w) => ({ ...w.forms.programE, intent: 'save', name: '他人改名' }),
					pause: () => ({ intent: 'pause' }),
					archive: () => ({ intent: 'archive' }),
				},
			),
			...sweep(
				"E's paused programme",
				{
					path: (w) => `/workspace/leasing/programs/${w.ids.programEPaused}`,
					params: (w) => ({ id: id(w.ids.programEPaused) }),
				},
				['lesE'],
				org({ role: 'lessor', verified: true }, { lesE: 400 }),
				{ resume: () => ({ intent: 'resume' }) },
			),
		],
	},
	'workspace.leasing.programs.new': {
		loader: [
			{
				name: 'form',
				path: () => '/workspace/leasing/programs/new',
				expect: org({ role: 'lessor', verified: true }, {}, 200),
			},
		],
		action: [
			{
				name: 'create a programme',
				path: () => '/workspace/leasing/programs/new',
				fields: () => programFields({ name: '新建租赁计划' }) as Fields,
				expect: org({ role: 'lessor', verified: true }, {}, 302),
			},
		],
	},
	'workspace.opportunities': {
		loader: [
			{
				name: 'opportunities',
				path: () => '/workspace/opportunities',
				expect: org({ role: 'supplier', verified: true }, {}, 200),
			},
		],
		action: null,
	},
	'workspace.products.$id': {
		note: 'Suppliers still in review may edit their own products: the guard needs the role, not verification.',
		loader: [
			{
				name: "A's draft",
				path: (w) => `/workspace/products/${w.ids.productADraft}`,
				params: (w) => ({ id: id(w.ids.productADraft) }),
				expect: org({ role: 'supplier' }, { supA: 200, supA2: 200 }),
			},
			{
				name: "A's published product",
				path: (w) => `/workspace/products/${w.ids.productAPublished}`,
				params: (w) => ({ id: id(w.ids.productAPublished) }),
				expect: org({ role: 'supplier' }, { supA: 200, supA2: 200 }),
			},
			{
				name: "pending P's product",
				path: (w) => `/workspace/products/${w.ids.productPPublished}`,
				params: (w) => ({ id: id(w.ids.productPPublished) }),
				expect: org({ role: 'supplier' }, { pending: 200 }),
			},
		],
		action: [
			{
				name: "archive A's draft (A: add a spec row, writes nothing)",
				path: (w) => `/workspace/products/${w.ids.productADraft}`,
				params: (w) => ({ id: id(w.ids.productADraft) }),
				fields: (_w, a) =>
					a === 'supA' || a === 'supA2' ? productFields({ intent: 'addSpecRow' }) : { intent: 'archive' },
				expect: org({ role: 'supplier' }, { supA: 200, supA2: 200 }),
			},
			...sweep(
				"A's draft",
				{
					path: (w) => `/workspace/products/${w.ids.productADraft}`,
					params: (w) => ({ id: id(w.ids.productADraft) }),
				},
				['supA', 'supA2'],
				org({ role: 'supplier' }, { supA: 400, supA2: 400 }),
				{
					save: () => productFields({ name: '他人改名' }),
					submit: () => ({ intent: 'submit' }),
					restore: () => ({ intent: 'restore' }),
					deleteImage: (w) => ({ intent: 'deleteImage', imageId: id(w.ids.imageADraft) }),
					uploadImages: () => imageUpload(),
				},
			),
			{
				name: "delete the image of A's published product (A: add a spec row)",
				path: (w) => `/workspace/products/${w.ids.productAPublished}`,
				params: (w) => ({ id: id(w.ids.productAPublished) }),
				fields: (w, a) =>
					a === 'supA' || a === 'supA2'
						? productFields({ intent: 'addSpecRow' })
						: { intent: 'deleteImage', imageId: id(w.ids.imageAPublished) },
				expect: org({ role: 'supplier' }, { supA: 200, supA2: 200 }),
			},
			{
				name: "submit pending P's product for review (P: add a spec row)",
				path: (w) => `/workspace/products/${w.ids.productPPublished}`,
				params: (w) => ({ id: id(w.ids.productPPublished) }),
				fields: (_w, a) => (a === 'pending' ? productFields({ intent: 'addSpecRow' }) : { intent: 'archive' }),
				expect: org({ role: 'supplier' }, { pending: 200 }),
			},
		],
	},
	'workspace.products.$id_.preview': {
		loader: [
			{
				name: "A's draft",
				path: (w) => `/workspace/products/${w.ids.productADraft}/preview`,
				params: (w) => ({ id: id(w.ids.productADraft) }),
				expect: org({ role: 'supplier' }, { supA: 200, supA2: 200 }),
			},
			{
				name: "pending P's product",
				path: (w) => `/workspace/products/${w.ids.productPPublished}/preview`,
				params: (w) => ({ id: id(w.ids.productPPublished) }),
				expect: org({ role: 'supplier' }, { pending: 200 }),
			},
		],
		action: null,
	},
	'workspace.products._index': {
		loader: [{ name: 'own products', path: () => '/workspace/products', expect: org({ role: 'supplier' }, {}, 200) }],
		action: null,
	},
	'workspace.products.import': {
		loader: [{ name: 'form', path: () => '/workspace/products/import', expect: org({ role: 'supplier' }, {}, 200) }],
		action: [
			{
				name: 'no file',
				path: () => '/workspace/products/import',
				fields: () => ({}),
				expect: org({ role: 'supplier' }, {}, 400),
			},
		],
	},
	'workspace.products.new': {
		loader: [{ name: 'form', path: () => '/workspace/products/new', expect: org({ role: 'supplier' }, {}, 200) }],
		action: [
			{
				name: 'create a product',
				path: () => '/workspace/products/new',
				fields: () => productFields(),
				expect: org({ role: 'supplier' }, {}, 302),
			},
		],
	},
	'workspace.products.template.$format': {
		loader: [
			{
				name: 'CSV template',
				path: () => '/workspace/products/template/csv',
				params: () => ({ format: 'csv' }),
				expect: org({ role: 'supplier' }, {}, 200),
			},
			{
				name: 'XLSX template',
				path: () => '/workspace/products/template/xlsx',
				params: () => ({ format: 'xlsx' }),
				expect: org({ role: 'supplier' }, {}, 200),
			},
			{
				name: 'unknown format',
				path: () => '/workspace/products/template/exe',
				params: () => ({ format: 'exe' }),
				expect: org({ role: 'supplier' }, {}, 404),
			},
		],
		action: null,
	},
}

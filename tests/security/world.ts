import { mkdirSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { parseForm } from '#app/auth/form.server.ts'
import { inviteMember } from '#app/models/account.server.ts'
import { hashPassword } from '#app/auth/password.server.ts'
import { createUserSession } from '#app/auth/session.server.ts'
import { formatWan } from '#app/i18n/format.ts'
import { formatMoney as formatReasonMoney } from '#app/matching/reasons.ts'
import { DemandFormSchema } from '#app/models/demand.schema.ts'
import { createDemand, toActor, type Actor } from '#app/models/demand.server.ts'
import { sendInquiries, submitQuote } from '#app/models/inquiry.server.ts'
import { OfferActionSchema, ProgramInputSchema } from '#app/models/leasing.schema.ts'
import {
	changeProgramStatus,
	chinaToday,
	createOffer,
	createProgram,
	requestOffer,
	type LeasingActor,
} from '#app/models/leasing.server.ts'
import type { OrgRole } from '#app/models/taxonomy.ts'
import type { OrganizationRow } from '#db/schema.ts'
import { formBody } from '#tests/auth/helpers.ts'
import { demandFields } from '#tests/demands/helpers.ts'
import { createTestContext, type TestContext } from '#tests/helpers/context.ts'
import { insertOrganization, insertProduct } from '#tests/helpers/factories.ts'
import { offerFields, programFields } from '#tests/leasing-flow/helpers.ts'
import { prepareIndexes, syncSearch } from '#tests/routes/helpers.ts'
import { tinyPng } from '#tests/workspace/helpers.ts'

/**
 * The fixture world of the security tests (RELIABILITY R15–R17, R20; figures F2 and F3): seven
 * organizations, eleven actors and, in every organization, objects in each state that matters —
 * published, draft and in-review products with images, open and draft demands with budgets,
 * inquiries answered with quotes (attachments included), leasing programmes (active and paused),
 * a lease request and an offer. Every private value is a planted sentinel with the list of actors
 * entitled to see it, so a leak is a plain substring of whatever a loader, an action, an export or
 * Meilisearch returned.
 *
 * Everything is written through the model functions the routes use (createDemand, sendInquiries,
 * submitQuote, createProgram, requestOffer, createOffer), so matches, notifications, e-mails and
 * search outbox rows are the real ones. Users are inserted with one precomputed password hash and
 * signed in with real session rows and signed cookies (scrypt costs ~0.3 s per hash).
 */

export const ACTORS = [
	'anon',
	'admin',
	'supA',
	'supA2',
	'supB',
	'buyC',
	'buyD',
	'lesE',
	'lesF',
	'noOrg',
	'pending',
] as const
export type ActorKey = (typeof ACTORS)[number]
export type UserKey = Exclude<ActorKey, 'anon'>

export const ORG_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'P'] as const
export type OrgKey = (typeof ORG_KEYS)[number]

/** Who belongs where: roles, verification and membership decide every guard's answer. */
export const ORG_PROFILE: Record<
	OrgKey,
	{ roles: OrgRole[]; status: 'verified' | 'pending'; n: number; name: string }
> = {
	A: { roles: ['supplier'], status: 'verified', n: 101, name: '甲压缩机制造有限公司' },
	B: { roles: ['supplier'], status: 'verified', n: 102, name: '乙动力设备有限公司' },
	C: { roles: ['buyer'], status: 'verified', n: 103, name: '丙汽车零部件有限公司' },
	D: { roles: ['buyer'], status: 'verified', n: 104, name: '丁化工新材料有限公司' },
	E: { roles: ['lessor'], status: 'verified', n: 105, name: '戊融资租赁有限公司' },
	F: { roles: ['lessor'], status: 'verified', n: 106, name: '己金融租赁有限公司' },
	P: { roles: ['supplier', 'buyer'], status: 'pending', n: 107, name: '庚待审核科技有限公司' },
}

/** The organization of each actor and its place in it (null: anonymous, an admin, or no organization). */
export const ACTOR_ORG: Record<ActorKey, { org: OrgKey; role: 'owner' | 'member' } | null> = {
	anon: null,
	admin: null,
	supA: { org: 'A', role: 'owner' },
	supA2: { org: 'A', role: 'member' },
	supB: { org: 'B', role: 'owner' },
	buyC: { org: 'C', role: 'owner' },
	buyD: { org: 'D', role: 'owner' },
	lesE: { org: 'E', role: 'owner' },
	lesF: { org: 'F', role: 'owner' },
	noOrg: null,
	pending: { org: 'P', role: 'owner' },
}

/** Members of an organization (actors only). */
export function membersOf(org: OrgKey): ActorKey[] {
	return ACTORS.filter((a) => ACTOR_ORG[a]?.org === org)
}

/** A private value, every way a page may print it, and who may see it. */
export type Secret = { label: string; renderings: string[]; entitled: ReadonlySet<ActorKey> }

// Budgets in 万元 as the form takes them, and in yuan as stored: none of them is a round number
// any page could print by accident (RELIABILITY R17).
export const BUDGETS = {
	cOpen: { minWan: '87654.321', maxWan: '98765.4321', min: 876_543_210, max: 987_654_321 },
	cDraft: { minWan: '61234.5789', maxWan: '72345.6981', min: 612_345_789, max: 723_456_981 },
	dOpen: { minWan: '53421.9876', maxWan: '64532.1987', min: 534_219_876, max: 645_321_987 },
} as const

export const QUOTE_TOTALS = { ac: 4_321_987, bd: 3_219_876 } as const

export const INVITEE_EMAIL = 'sentinel-invitee@example.invalid'

export const TEXT_SENTINELS = {
	quoteAC: 'SENTINEL-QUOTE-AC',
	quoteBD: 'SENTINEL-QUOTE-BD',
	inquiryAC: 'SENTINEL-INQUIRY-AC',
	inquiryBD: 'SENTINEL-INQUIRY-BD',
	offerEC: 'SENTINEL-OFFER-EC',
	draftProductA: 'SENTINEL-DRAFT-PRODUCT-A',
	reviewProductA: 'SENTINEL-REVIEW-PRODUCT-A',
	unverifiedProductP: 'SENTINEL-UNVERIFIED-PRODUCT-P',
	draftDemandC: 'SENTINEL-DRAFT-DEMAND-C',
	pausedProgramE: 'SENTINEL-PAUSED-PROGRAM-E',
} as const

export function contactPhone(org: OrgKey): string {
	return `SENTINEL-TEL-${ORG_PROFILE[org].n}`
}
export function contactEmail(org: OrgKey): string {
	return `sentinel-${ORG_PROFILE[org].n}@example.invalid`
}
export function contactPerson(org: OrgKey): string {
	return `SENTINEL-PERSON-${ORG_PROFILE[org].n}`
}
export function userEmail(actor: UserKey): string {
	return `sentinel-user-${actor.toLowerCase()}@example.invalid`
}

/**
 * Every way the UI writes an amount of yuan: the stored integer, fen, en grouping, 万元
 * (app/i18n/format.ts), the bare 万 quotient the edit form shows, and the match reasons' 亿元 /
 * CNY m (app/matching/reasons.ts).
 */
export function moneyRenderings(yuan: number): string[] {
	const out = new Set<string>([
		String(yuan),
		String(yuan * 100),
		new Intl.NumberFormat('en').format(yuan),
		formatWan(yuan),
		String(yuan / 10_000),
		// Whole 万 with grouping ("98,765"), as a rounded figure would print.
		new Intl.NumberFormat('en').format(Math.trunc(yuan / 10_000)),
	])
	if (yuan >= 1e8) {
		// "9.88 亿元" alone and at the start of a range ("8.77–9.88 亿元").
		const yi = formatReasonMoney(yuan, 'zh-CN').split(' ')[0]!
		out.add(`${yi} 亿`)
		out.add(`${yi}亿`)
		out.add(`${yi}–`)
	}
	if (yuan >= 1e6) out.add(formatReasonMoney(yuan, 'en').replace('CNY ', ''))
	return [...out]
}

export type Member = { id: number; orgId: number | null; cookie: string; email: string }

export type World = {
	ctx: TestContext
	users: Record<UserKey, Member>
	/** A second member of A who is no actor: the target of "remove member" probes. */
	victimA3: Member
	orgs: Record<OrgKey, OrganizationRow>
	ids: {
		productAPublished: number
		productADraft: number
		productAPending: number
		productBPublished: number
		productPPublished: number
		imageAPublished: number
		imageADraft: number
		demandCOpen: number
		demandCDraft: number
		demandDOpen: number
		matchAC: number
		matchBC: number
		matchBD: number
		quoteAC: number
		quoteBD: number
		programE: number
		programEPaused: number
		programF: number
		offerEC: number
		notificationC: number
		invitationA: number
	}
	/** The one-time token of A's pending invitation (only A's owner and admins may hold it). */
	inviteToken: string
	refs: { demandCOpen: string; demandCDraft: string; demandDOpen: string }
	/** The forms the demands were created with, for probes that save them unchanged. */
	forms: { demandCOpen: Fields; demandCDraft: Fields; demandDOpen: Fields; programE: Fields }
	secrets: Secret[]
}

export type Fields = Record<string, string | string[] | undefined>
/** What an action probe posts: plain fields, or a FormData when it carries files. */
export type Body = Fields | FormData

function actorOf(user: Member, isAdmin = false): Actor {
	return toActor({ id: user.id, organizationId: user.orgId, isAdmin }, '127.0.0.1')
}

function leasingActor(user: Member): LeasingActor {
	if (user.orgId == null) throw new Error('a leasing actor needs an organization')
	return { userId: user.id, orgId: user.orgId, ip: '127.0.0.1', origin: 'http://localhost', mail: { mode: 'test' } }
}

function must<T extends { ok: boolean }>(what: string, result: T | undefined): Extract<T, { ok: true }> {
	if (!result?.ok) throw new Error(`world: ${what} failed: ${JSON.stringify(result)}`)
	return result as Extract<T, { ok: true }>
}

function parsed<T>(what: string, submission: { status?: string; value?: T; error?: unknown }): T {
	if (submission.status !== 'success' || submission.value === undefined)
		throw new Error(`world: ${what} form invalid: ${JSON.stringify(submission.error)}`)
	return submission.value
}

const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n% RenewMatch test quote\n%%EOF\n')

/** Builds the world on a fresh test context (real SQLite file, real Meilisearch under its own prefix). */
export async function createWorld(): Promise<World> {
	const ctx = await createTestContext()
	await prepareIndexes(ctx)
	const services = { db: ctx.db, search: ctx.search, env: ctx.env }

	// ── organizations with planted contacts ──
	const orgs = {} as Record<OrgKey, OrganizationRow>
	for (const key of ORG_KEYS) {
		const p = ORG_PROFILE[key]
		orgs[key] = await insertOrganization(ctx.db, {
			name: p.name,
			name_en: null,
			roles: JSON.stringify(p.roles),
			status: p.status,
			industry: '汽车及高端装备',
			contact_person: contactPerson(key),
			contact_phone: contactPhone(key),
			contact_email: contactEmail(key),
		})
	}

	// ── people: one precomputed hash, real session rows and signed cookies ──
	const passwordHash = await hashPassword(`world-password-${randomBytes(4).toString('hex')}`)
	async function person(
		key: string,
		email: string,
		orgId: number | null,
		orgRole: 'owner' | 'member' | null,
		isAdmin = false,
	) {
		const row = await ctx.db
			.insertInto('user')
			.values({
				email,
				phone: null,
				name: `测试${key}`,
				password_hash: passwordHash,
				is_admin: isAdmin ? 1 : 0,
				organization_id: orgId,
				org_role: orgRole,
			})
			.returning('id')
			.executeTakeFirstOrThrow()
		const { setCookie } = await createUserSession(ctx.db, ctx.env, row.id)
		return { id: row.id, orgId, cookie: setCookie.split(';')[0]!, email }
	}
	const users = {} as Record<UserKey, Member>
	for (const actor of ACTORS) {
		if (actor === 'anon') continue
		const place = ACTOR_ORG[actor]
		users[actor] = await person(
			actor,
			userEmail(actor),
			place ? orgs[place.org].id : null,
			place?.role ?? null,
			actor === 'admin',
		)
	}
	const victimA3 = await person('A3', 'sentinel-user-a3@example.invalid', orgs.A.id, 'member')

	// ── products (published ones match the demands below) and images on disk ──
	const product = (org: OrgKey, overrides: Parameters<typeof insertProduct>[2]) =>
		insertProduct(ctx.db, orgs[org].id, overrides)
	const aPublished = await product('A', { name: '永磁变频螺杆空压机 37kW', model: 'A-37PM' })
	const aDraft = await product('A', { name: TEXT_SENTINELS.draftProductA, status: 'draft', published_at: null })
	const aPending = await product('A', { name: TEXT_SENTINELS.reviewProductA, status: 'pending', published_at: null })
	const bPublished = await product('B', { name: '两级压缩螺杆空压机 37kW', model: 'B-37' })
	const pPublished = await product('P', { name: TEXT_SENTINELS.unverifiedProductP })
	async function image(productId: number): Promise<number> {
		const name = `${randomBytes(16).toString('hex')}.png`
		const bytes = tinyPng()
		const dir = join(ctx.env.dataDir, 'uploads', 'products', String(productId))
		mkdirSync(dir, { recursive: true })
		writeFileSync(join(dir, name), bytes)
		const row = await ctx.db
			.insertInto('product_image')
			.values({ product_id: productId, file_name: name, mime: 'image/png', bytes: bytes.byteLength, sort: 0 })
			.returning('id')
			.executeTakeFirstOrThrow()
		return row.id
	}
	const imageAPublished = await image(aPublished.id)
	const imageADraft = await image(aDraft.id)
	await syncSearch(ctx)

	// ── demands: created (and published) by their buyers through the model ──
	const demandForm = (overrides: Record<string, string | undefined>): Fields => ({ ...demandFields(overrides) })
	const forms = {
		demandCOpen: demandForm({
			intent: 'publish',
			title: '更换车间老旧空压机（融资租赁）',
			budgetMinWan: BUDGETS.cOpen.minWan,
			budgetMaxWan: BUDGETS.cOpen.maxWan,
			financing: 'leasing',
		}),
		demandCDraft: demandForm({
			intent: 'draft',
			title: `${TEXT_SENTINELS.draftDemandC} 水泵更新`,
			budgetMinWan: BUDGETS.cDraft.minWan,
			budgetMaxWan: BUDGETS.cDraft.maxWan,
			financing: 'none',
		}),
		demandDOpen: demandForm({
			intent: 'publish',
			title: '化工车间空压机节能改造',
			budgetMinWan: BUDGETS.dOpen.minWan,
			budgetMaxWan: BUDGETS.dOpen.maxWan,
			financing: 'none',
		}),
		programE: programFields({ name: '戊租赁设备更新直租计划', amountMax: '1000000000' }) as Fields,
	}
	async function demand(buyer: Member, form: Fields): Promise<number> {
		const { intent, ...input } = parsed('demand', parseForm(formBody(form), DemandFormSchema))
		const out = must(
			'createDemand',
			await createDemand(services, actorOf(buyer), input, { publish: intent === 'publish' }),
		)
		return out.value.id
	}
	const demandCOpen = await demand(users.buyC, forms.demandCOpen)
	const demandCDraft = await demand(users.buyC, forms.demandCDraft)
	const demandDOpen = await demand(users.buyD, forms.demandDOpen)
	// The form's 万元 must land as the exact yuan the sentinels look for.
	for (const [id, b] of [
		[demandCOpen, BUDGETS.cOpen],
		[demandCDraft, BUDGETS.cDraft],
		[demandDOpen, BUDGETS.dOpen],
	] as const) {
		const row = await ctx.db
			.selectFrom('demand')
			.select(['budget_min', 'budget_max'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow()
		if (row.budget_min !== b.min || row.budget_max !== b.max)
			throw new Error(
				`world: demand ${id} stored budget ${row.budget_min}–${row.budget_max}, expected ${b.min}–${b.max}`,
			)
	}
	const refs = Object.fromEntries(
		await Promise.all(
			(
				[
					['demandCOpen', demandCOpen],
					['demandCDraft', demandCDraft],
					['demandDOpen', demandDOpen],
				] as const
			).map(async ([k, id]) => {
				const r = await ctx.db.selectFrom('demand').select('ref').where('id', '=', id).executeTakeFirstOrThrow()
				return [k, r.ref]
			}),
		),
	) as World['refs']

	// ── matches: the ones publishing computed, or suggested rows where recall found none ──
	async function matchOf(demandId: number, productId: number): Promise<number> {
		const found = await ctx.db
			.selectFrom('match')
			.select('id')
			.where('demand_id', '=', demandId)
			.where('product_id', '=', productId)
			.executeTakeFirst()
		if (found) return found.id
		const row = await ctx.db
			.insertInto('match')
			.values({ demand_id: demandId, product_id: productId, score: 0.6, status: 'suggested' })
			.returning('id')
			.executeTakeFirstOrThrow()
		return row.id
	}
	const matchAC = await matchOf(demandCOpen, aPublished.id)
	const matchBC = await matchOf(demandCOpen, bPublished.id)
	const matchBD = await matchOf(demandDOpen, bPublished.id)

	// ── inquiries and quotes (which reveal both sides' contacts to each other) ──
	const inquiry = (message: string) => ({ message, quantity: 6, wantedDate: '2030-05-31' })
	must(
		'inquire AC',
		await sendInquiries(services, actorOf(users.buyC), demandCOpen, {
			matchIds: [matchAC],
			...inquiry(TEXT_SENTINELS.inquiryAC),
		}),
	)
	must(
		'inquire BD',
		await sendInquiries(services, actorOf(users.buyD), demandDOpen, {
			matchIds: [matchBD],
			...inquiry(TEXT_SENTINELS.inquiryBD),
		}),
	)
	const quote = (total: number, note: string) => ({
		unitPrice: Math.round(total / 6),
		totalPrice: total,
		deliveryDate: '2030-04-30',
		validUntil: '2030-03-31',
		note,
	})
	const quoteAC = must(
		'quote AC',
		await submitQuote(
			services,
			actorOf(users.supA),
			matchAC,
			quote(QUOTE_TOTALS.ac, TEXT_SENTINELS.quoteAC),
			{ bytes: PDF_BYTES },
			{ dataDir: ctx.env.dataDir },
		),
	).value.quoteId
	const quoteBD = must(
		'quote BD',
		await submitQuote(
			services,
			actorOf(users.supB),
			matchBD,
			quote(QUOTE_TOTALS.bd, TEXT_SENTINELS.quoteBD),
			{ bytes: PDF_BYTES },
			{ dataDir: ctx.env.dataDir },
		),
	).value.quoteId

	// ── leasing: programmes, a request from C to E (E may now see C's budget and contacts), an offer ──
	const program = async (lessor: Member, form: Fields) =>
		(
			await createProgram(
				ctx.db,
				leasingActor(lessor),
				parsed('programme', parseForm(formBody(form), ProgramInputSchema)),
			)
		).id
	const programE = await program(users.lesE, forms.programE)
	const programEPaused = await program(users.lesE, programFields({ name: TEXT_SENTINELS.pausedProgramE }) as Fields)
	must('pause programme', await changeProgramStatus(ctx.db, leasingActor(users.lesE), programEPaused, 'pause'))
	const programF = await program(
		users.lesF,
		programFields({ name: '己租赁绿色设备计划', amountMax: '1000000000' }) as Fields,
	)
	must('request offer', await requestOffer(ctx.db, leasingActor(users.buyC), demandCOpen, programE))
	const offer = parsed(
		'offer',
		parseForm(formBody(offerFields({ programId: String(programE), note: TEXT_SENTINELS.offerEC })), OfferActionSchema),
	)
	if (offer.intent === 'withdraw') throw new Error('world: offer form parsed as withdraw')
	const { intent: _intent, ...offerInput } = offer
	const offerEC = must('create offer', await createOffer(ctx.db, leasingActor(users.lesE), demandCOpen, offerInput)).id

	const notificationC = (
		await ctx.db
			.selectFrom('notification')
			.select('id')
			.where('organization_id', '=', orgs.C.id)
			.orderBy('id')
			.executeTakeFirstOrThrow()
	).id
	// ── a pending invitation into A, whose link only A's owner (and the mail outbox) ever sees ──
	const invitation = await inviteMember(
		ctx.db,
		{ id: users.supA.id, organizationId: orgs.A.id },
		{ kind: 'email', value: INVITEE_EMAIL },
		{ ip: '127.0.0.1', origin: 'http://localhost', mail: { mode: 'test' } },
	)
	if (!invitation.ok) throw new Error(`world: invitation failed: ${JSON.stringify(invitation.error)}`)
	const inviteToken = invitation.link.split('/invite/')[1]!
	await syncSearch(ctx)

	const world: World = {
		ctx,
		users,
		victimA3,
		orgs,
		ids: {
			productAPublished: aPublished.id,
			productADraft: aDraft.id,
			productAPending: aPending.id,
			productBPublished: bPublished.id,
			productPPublished: pPublished.id,
			imageAPublished,
			imageADraft,
			demandCOpen,
			demandCDraft,
			demandDOpen,
			matchAC,
			matchBC,
			matchBD,
			quoteAC,
			quoteBD,
			programE,
			programEPaused,
			programF,
			offerEC,
			notificationC,
			invitationA: invitation.invitationId,
		},
		inviteToken,
		refs,
		forms,
		secrets: [],
	}
	world.secrets = buildSecrets(world)
	return world
}

/**
 * Who may see what (ADR 0007 and the module comments of inquiry.server.ts / leasing.server.ts):
 * an organization's contacts and credit code — its members, admins, and a counterparty once a
 * quote or message revealed them (or a lessor the buyer asked for an offer); a demand's budget —
 * its organization, admins and the lessors it asked; a quote and an inquiry — the two parties;
 * an offer — the lessor and the enterprise; unpublished listings — their organization; a login —
 * its person, the organization's owner and admins.
 */
export function buildSecrets(w: World): Secret[] {
	const set = (...actors: ActorKey[]) => new Set<ActorKey>(['admin', ...actors])
	const orgContactSeers: Record<OrgKey, ActorKey[]> = {
		A: [...membersOf('A'), 'buyC'],
		B: [...membersOf('B'), 'buyD'],
		C: [...membersOf('C'), 'supA', 'supA2', 'lesE'],
		D: [...membersOf('D'), 'supB'],
		E: membersOf('E'),
		F: membersOf('F'),
		P: membersOf('P'),
	}
	const secrets: Secret[] = []
	for (const org of ORG_KEYS) {
		const seers = set(...orgContactSeers[org])
		secrets.push({ label: `${org}.contact_phone`, renderings: [contactPhone(org)], entitled: seers })
		secrets.push({ label: `${org}.contact_email`, renderings: [contactEmail(org)], entitled: seers })
		secrets.push({ label: `${org}.contact_person`, renderings: [contactPerson(org)], entitled: seers })
		secrets.push({ label: `${org}.uscc`, renderings: [w.orgs[org].uscc], entitled: set(...membersOf(org)) })
	}
	const budget = (label: string, b: { min: number; max: number }, seers: ActorKey[]) => {
		secrets.push({ label: `${label}.budget_min`, renderings: moneyRenderings(b.min), entitled: set(...seers) })
		secrets.push({ label: `${label}.budget_max`, renderings: moneyRenderings(b.max), entitled: set(...seers) })
	}
	budget('demandCOpen', BUDGETS.cOpen, ['buyC', 'lesE'])
	budget('demandCDraft', BUDGETS.cDraft, ['buyC'])
	budget('demandDOpen', BUDGETS.dOpen, ['buyD'])
	const text = (label: string, value: string, seers: ActorKey[]) =>
		secrets.push({ label, renderings: [value], entitled: set(...seers) })
	text('quoteAC.note', TEXT_SENTINELS.quoteAC, ['buyC', 'supA', 'supA2'])
	text('quoteBD.note', TEXT_SENTINELS.quoteBD, ['buyD', 'supB'])
	const grouped = (n: number) => [String(n), new Intl.NumberFormat('en').format(n)]
	secrets.push({ label: 'quoteAC.total', renderings: grouped(QUOTE_TOTALS.ac), entitled: set('buyC', 'supA', 'supA2') })
	secrets.push({ label: 'quoteBD.total', renderings: grouped(QUOTE_TOTALS.bd), entitled: set('buyD', 'supB') })
	text('matchAC.inquiry', TEXT_SENTINELS.inquiryAC, ['buyC', 'supA', 'supA2'])
	text('matchBD.inquiry', TEXT_SENTINELS.inquiryBD, ['buyD', 'supB'])
	text('offerEC.note', TEXT_SENTINELS.offerEC, ['lesE', 'buyC'])
	text('productADraft.name', TEXT_SENTINELS.draftProductA, membersOf('A'))
	text('productAPending.name', TEXT_SENTINELS.reviewProductA, membersOf('A'))
	text('productPPublished.name', TEXT_SENTINELS.unverifiedProductP, membersOf('P'))
	text('demandCDraft.title', TEXT_SENTINELS.draftDemandC, ['buyC'])
	text('programEPaused.name', TEXT_SENTINELS.pausedProgramE, ['lesE'])
	for (const actor of ACTORS) {
		if (actor === 'anon') continue
		const place = ACTOR_ORG[actor]
		const owner = place ? membersOf(place.org).filter((a) => ACTOR_ORG[a]?.role === 'owner') : []
		text(`user.${actor}.email`, userEmail(actor), [actor, ...owner])
	}
	text(
		'user.A3.email',
		w.victimA3.email,
		membersOf('A').filter((a) => ACTOR_ORG[a]?.role === 'owner'),
	)
	text('invitationA.email', INVITEE_EMAIL, ['supA'])
	text('invitationA.token', w.inviteToken, ['supA'])
	return secrets
}

/** Every sentinel value, for places no one may see any (the search index). */
export function allSentinelValues(w: World): string[] {
	return [...new Set(w.secrets.flatMap((s) => s.renderings))]
}

/** Labels of the secrets in `text` that `actor` may not see. */
export function leakedSecrets(w: World, actor: ActorKey, text: string): string[] {
	const out: string[] = []
	for (const s of w.secrets) {
		if (s.entitled.has(actor)) continue
		const hit = s.renderings.find((r) => text.includes(r))
		if (hit !== undefined) out.push(`${s.label} (${JSON.stringify(hit)})`)
	}
	return out
}

/** Today's date in China, for forms with dates. */
export function today(): string {
	return chinaToday()
}

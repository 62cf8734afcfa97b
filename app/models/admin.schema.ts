import { z } from 'zod'

/**
 * Client-safe schemas of the zone administrators' pages (RELIABILITY R21: strict allow-lists and
 * length limits). Action forms send `intent` and are parsed with a discriminated union; list pages
 * read their filters from the URL, where junk falls back to the default instead of failing.
 * Messages are keys of the `admin` i18n namespace.
 */

export const ORGANIZATION_STATUSES = ['pending', 'verified', 'rejected', 'disabled'] as const
export const PRODUCT_STATUSES = ['draft', 'pending', 'published', 'rejected', 'archived'] as const
export const USER_STATUSES = ['active', 'disabled'] as const
export const USER_KINDS = ['admin', 'owner', 'member', 'none'] as const

export const REASON_MAX = 500
export const QUERY_MAX = 100
export const MAX_PAGE = 10_000

// conform coerces the submitted string; "abc" becomes NaN and fails as invalid_type.
const IdField = z
	.number({ invalid_type_error: 'errors.invalid', required_error: 'errors.invalid' })
	.int('errors.invalid')
	.positive('errors.invalid')
	.max(Number.MAX_SAFE_INTEGER, 'errors.invalid')

const RequiredReason = z
	.string({ required_error: 'errors.reasonRequired', invalid_type_error: 'errors.invalid' })
	.trim()
	.min(1, 'errors.reasonRequired')
	.max(REASON_MAX, 'errors.reasonTooLong')

const OptionalReason = z
	.string({ invalid_type_error: 'errors.invalid' })
	.trim()
	.max(REASON_MAX, 'errors.reasonTooLong')
	.optional()
	.transform((v) => (v ? v : null))

const intent = <T extends string>(value: T) => z.literal(value, { errorMap: () => ({ message: 'errors.invalid' }) })

/** What an administrator may do to an organization: verify, reject with a reason, disable, enable. */
export const OrganizationActionSchema = z.discriminatedUnion(
	'intent',
	[
		z.object({ intent: intent('approve'), organizationId: IdField }).strict('errors.invalid'),
		z.object({ intent: intent('reject'), organizationId: IdField, reason: RequiredReason }).strict('errors.invalid'),
		z.object({ intent: intent('disable'), organizationId: IdField, reason: OptionalReason }).strict('errors.invalid'),
		z.object({ intent: intent('enable'), organizationId: IdField }).strict('errors.invalid'),
	],
	{ errorMap: () => ({ message: 'errors.invalid' }) },
)
export type OrganizationActionInput = z.infer<typeof OrganizationActionSchema>
export type OrganizationIntent = OrganizationActionInput['intent']

/** Review of a pending product: publish it, or send it back with a reason. */
export const ProductActionSchema = z.discriminatedUnion(
	'intent',
	[
		z.object({ intent: intent('approve'), productId: IdField }).strict('errors.invalid'),
		z.object({ intent: intent('reject'), productId: IdField, reason: RequiredReason }).strict('errors.invalid'),
	],
	{ errorMap: () => ({ message: 'errors.invalid' }) },
)
export type ProductActionInput = z.infer<typeof ProductActionSchema>

/** Disabling ends every session of the user at once; enabling lets them log in again. */
export const UserActionSchema = z.discriminatedUnion(
	'intent',
	[
		z.object({ intent: intent('disable'), userId: IdField }).strict('errors.invalid'),
		z.object({ intent: intent('enable'), userId: IdField }).strict('errors.invalid'),
	],
	{ errorMap: () => ({ message: 'errors.invalid' }) },
)
export type UserActionInput = z.infer<typeof UserActionSchema>

/**
 * The organization state machine: which statuses each intent applies to, and where it leads. A
 * rejected organization can still be verified later (a second look after a phone call); a
 * disabled one comes back only to verified, as it was before.
 */
export const ORGANIZATION_TRANSITIONS = {
	approve: { from: ['pending', 'rejected'], to: 'verified' },
	reject: { from: ['pending'], to: 'rejected' },
	disable: { from: ['verified'], to: 'disabled' },
	enable: { from: ['disabled'], to: 'verified' },
} as const satisfies Record<
	OrganizationIntent,
	{ from: ReadonlyArray<OrganizationStatusKey>; to: OrganizationStatusKey }
>
export type OrganizationStatusKey = (typeof ORGANIZATION_STATUSES)[number]

/** Which intents apply to an organization in `status` (the pages show only those buttons). */
export function organizationIntents(status: OrganizationStatusKey): OrganizationIntent[] {
	return (Object.keys(ORGANIZATION_TRANSITIONS) as OrganizationIntent[]).filter((k) =>
		(ORGANIZATION_TRANSITIONS[k].from as readonly string[]).includes(status),
	)
}

/** Which review intents apply to a product: approve a pending one, reject (unpublish) a pending or published one. */
export function productIntents(status: string): Array<ProductActionInput['intent']> {
	if (status === 'pending') return ['approve', 'reject']
	if (status === 'published') return ['reject']
	return []
}

// ——— list filters (from the URL) ———

const page = z.coerce.number().int().min(1).max(MAX_PAGE).catch(1)
const query = z
	.string()
	.catch('')
	.transform((s) => s.normalize('NFKC').trim().slice(0, QUERY_MAX))
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/
const date = z
	.string()
	.catch('')
	.transform((s) => (DATE_RE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) ? s : ''))
const token = z
	.string()
	.catch('')
	.transform((s) => (/^[a-z][a-z0-9_.-]{0,59}$/.test(s) ? s : ''))

const OrganizationListQuery = z.object({
	status: z.enum([...ORGANIZATION_STATUSES, 'all']).catch('all'),
	q: query,
	page,
})
export type OrganizationListFilters = z.infer<typeof OrganizationListQuery>

const ProductListQuery = z.object({
	status: z.enum([...PRODUCT_STATUSES, 'all']).catch('pending'),
	q: query,
	page,
})
export type ProductListFilters = z.infer<typeof ProductListQuery>

const UserListQuery = z.object({
	status: z.enum([...USER_STATUSES, 'all']).catch('all'),
	kind: z.enum([...USER_KINDS, 'all']).catch('all'),
	q: query,
	page,
})
export type UserListFilters = z.infer<typeof UserListQuery>

const AuditListQuery = z.object({
	action: token,
	objectType: token,
	objectId: z
		.string()
		.catch('')
		.transform((s) => s.trim().slice(0, 200)),
	actor: query,
	from: date,
	to: date,
	page,
})
export type AuditListFilters = z.infer<typeof AuditListQuery>

function pick(params: URLSearchParams, keys: readonly string[]): Record<string, string | undefined> {
	return Object.fromEntries(keys.map((k) => [k, params.get(k) ?? undefined]))
}

/** Organization list filters from a URL; anything unexpected reads as the default. */
export function parseOrganizationListQuery(params: URLSearchParams): OrganizationListFilters {
	return OrganizationListQuery.parse(pick(params, ['status', 'q', 'page']))
}

/** Product review filters from a URL (pending by default). */
export function parseProductListQuery(params: URLSearchParams): ProductListFilters {
	return ProductListQuery.parse(pick(params, ['status', 'q', 'page']))
}

/** User list filters from a URL. */
export function parseUserListQuery(params: URLSearchParams): UserListFilters {
	return UserListQuery.parse(pick(params, ['status', 'kind', 'q', 'page']))
}

/** Audit log filters from a URL; dates are YYYY-MM-DD in the zone's time (UTC+8). */
export function parseAuditListQuery(params: URLSearchParams): AuditListFilters {
	return AuditListQuery.parse(pick(params, ['action', 'objectType', 'objectId', 'actor', 'from', 'to', 'page']))
}

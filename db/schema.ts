import type { Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely'

/**
 * Hand-written mirror of db/migrations. Review it with every migration.
 * JSON columns hold JSON text; booleans are 0/1 integers; timestamps ISO-8601 UTC text.
 */
type Timestamps = { created_at: Generated<string>; updated_at: Generated<string> }

export interface CategoryTable {
	key: string
	group_key: string
	name_zh: string
	name_en: string
	sort: number
}

export type OrganizationStatus = 'pending' | 'verified' | 'rejected' | 'disabled'
export interface OrganizationTable extends Timestamps {
	id: Generated<number>
	ref: string
	name: string
	name_en: string | null
	uscc: string
	roles: Generated<string>
	in_zone: Generated<number>
	area: string | null
	industry: string | null
	description: string | null
	website: string | null
	contact_person: string | null
	contact_phone: string | null
	contact_email: string | null
	status: Generated<OrganizationStatus>
	status_reason: string | null
}

export interface UserTable extends Timestamps {
	id: Generated<number>
	organization_id: number | null
	email: string | null
	phone: string | null
	name: string | null
	password_hash: string
	org_role: 'owner' | 'member' | null
	is_admin: Generated<number>
	must_change_password: Generated<number>
	status: Generated<'active' | 'disabled'>
	locale: string | null
	digest: Generated<number>
}

export interface SessionTable {
	id: string
	user_id: number
	expires_at: string
	last_seen_at: Generated<string>
	created_at: Generated<string>
}

export interface OneTimeTokenTable {
	id: Generated<number>
	purpose: 'password_reset' | 'invitation'
	token_hash: string
	user_id: number | null
	organization_id: number | null
	email: string | null
	created_by: number | null
	expires_at: string
	used_at: string | null
	created_at: Generated<string>
}

export type ProductStatus = 'draft' | 'pending' | 'published' | 'rejected' | 'archived'
export interface ProductTable extends Timestamps {
	id: Generated<number>
	ref: string
	organization_id: number
	kind: 'equipment' | 'service'
	category_key: string
	name: string
	name_en: string | null
	model: string | null
	brand: string | null
	description: string | null
	specs: Generated<string>
	energy_grade: number | null
	price_min: number | null
	price_max: number | null
	lead_time_days: number | null
	certifications: Generated<string>
	tags: Generated<string>
	status: Generated<ProductStatus>
	status_reason: string | null
	published_at: string | null
}

export interface ProductImageTable {
	id: Generated<number>
	product_id: number
	file_name: string
	mime: string
	bytes: number
	sort: Generated<number>
	created_at: Generated<string>
}

export type DemandStatus = 'draft' | 'open' | 'matched' | 'closed' | 'cancelled'
export interface DemandTable extends Timestamps {
	id: Generated<number>
	ref: string
	organization_id: number
	title: string
	category_key: string | null
	domain: string | null
	description: string
	key_specs: Generated<string>
	quantity: Generated<number>
	budget_min: number | null
	budget_max: number | null
	needed_by: string | null
	min_energy_grade: number | null
	prefer_in_zone: Generated<number>
	financing: Generated<'none' | 'leasing' | 'loan'>
	old_name: string | null
	old_model: string | null
	old_installed_year: number | null
	old_quantity: number | null
	old_energy_grade: number | null
	old_annual_energy_kwh: number | null
	status: Generated<DemandStatus>
	close_reason: string | null
	expires_at: string | null
	published_at: string | null
}

export type MatchStatus = 'suggested' | 'shortlisted' | 'inquiry_sent' | 'quoted' | 'declined' | 'won' | 'lost'
export interface MatchTable extends Timestamps {
	id: Generated<number>
	demand_id: number
	product_id: number
	score: number
	reasons: Generated<string>
	status: Generated<MatchStatus>
	inquiry_message: string | null
	inquiry_quantity: number | null
	inquiry_wanted_date: string | null
	inquiry_sent_at: string | null
	computed_at: Generated<string>
}

export interface MessageTable {
	id: Generated<number>
	match_id: number
	author_user_id: number | null
	author_org_id: number
	body: string
	created_at: Generated<string>
}

export interface QuoteTable extends Timestamps {
	id: Generated<number>
	match_id: number
	unit_price: number | null
	total_price: number | null
	delivery_date: string | null
	valid_until: string | null
	note: string | null
	attachment_file: string | null
	status: Generated<'sent' | 'declined' | 'won' | 'lost' | 'expired'>
	decline_reason: string | null
}

export interface DemandReportTable {
	id: Generated<number>
	demand_id: number
	organization_id: number
	reason: string
	created_at: Generated<string>
}

export interface LeasingProgramTable extends Timestamps {
	id: Generated<number>
	ref: string
	organization_id: number
	name: string
	categories: Generated<string>
	amount_min: number
	amount_max: number
	term_months_min: number | null
	term_months_max: number | null
	rate_min: number | null
	rate_max: number | null
	down_payment_min: number | null
	structures: Generated<string>
	service_fee_pct: number | null
	deposit_pct: number | null
	industries: Generated<string>
	description: string | null
	status: Generated<'active' | 'paused' | 'archived'>
}

export interface LeaseRequestTable {
	id: Generated<number>
	demand_id: number
	program_id: number | null
	lessor_org_id: number
	created_at: Generated<string>
}

export interface LeaseOfferTable extends Timestamps {
	id: Generated<number>
	demand_id: number
	program_id: number | null
	quote_id: number | null
	organization_id: number
	amount_fen: number
	term_months: number
	annual_rate: number
	down_payment_fen: Generated<number>
	deposit_fen: Generated<number>
	service_fee_fen: Generated<number>
	residual_fen: Generated<number>
	structure: 'direct' | 'saleLeaseback'
	frequency: 'monthly' | 'quarterly'
	method: 'annuity' | 'equalPrincipal'
	timing: Generated<'arrears' | 'advance'>
	schedule: Generated<string>
	valid_until: string | null
	note: string | null
	status: Generated<'sent' | 'accepted' | 'declined' | 'withdrawn' | 'expired'>
	decline_reason: string | null
}

export interface NotificationTable {
	id: Generated<number>
	organization_id: number
	user_id: number | null
	kind: string
	payload: Generated<string>
	link: string | null
	read_at: string | null
	created_at: Generated<string>
}

export interface EmailOutboxTable {
	id: Generated<number>
	to_address: string
	subject: string
	body: string
	sent_at: string | null
	created_at: Generated<string>
}

export interface AuditEventTable {
	id: Generated<number>
	actor_user_id: number | null
	actor_org_id: number | null
	action: string
	object_type: string
	object_id: string
	from_status: string | null
	to_status: string | null
	detail: Generated<string>
	ip: string | null
	created_at: Generated<string>
}

export type SearchEntity = 'product' | 'organization' | 'demand' | 'leasing_program'
export interface SearchOutboxTable {
	id: Generated<number>
	entity: SearchEntity
	entity_id: number
	status: Generated<'pending' | 'done'>
	attempts: Generated<number>
	next_attempt_at: Generated<string>
	last_error: string | null
	created_at: Generated<string>
	done_at: string | null
}

export interface AppMetaTable {
	key: string
	value: string
}

export interface Database {
	category: CategoryTable
	organization: OrganizationTable
	user: UserTable
	session: SessionTable
	one_time_token: OneTimeTokenTable
	product: ProductTable
	product_image: ProductImageTable
	demand: DemandTable
	match: MatchTable
	message: MessageTable
	quote: QuoteTable
	demand_report: DemandReportTable
	leasing_program: LeasingProgramTable
	lease_request: LeaseRequestTable
	lease_offer: LeaseOfferTable
	notification: NotificationTable
	email_outbox: EmailOutboxTable
	audit_event: AuditEventTable
	search_outbox: SearchOutboxTable
	app_meta: AppMetaTable
}

export type Db = Kysely<Database> | Transaction<Database>

export type OrganizationRow = Selectable<OrganizationTable>
export type NewOrganization = Insertable<OrganizationTable>
export type OrganizationUpdate = Updateable<OrganizationTable>
export type UserRow = Selectable<UserTable>
export type ProductRow = Selectable<ProductTable>
export type NewProduct = Insertable<ProductTable>
export type DemandRow = Selectable<DemandTable>
export type NewDemand = Insertable<DemandTable>
export type LeasingProgramRow = Selectable<LeasingProgramTable>
export type NewLeasingProgram = Insertable<LeasingProgramTable>
export type MatchRow = Selectable<MatchTable>
export type QuoteRow = Selectable<QuoteTable>
export type LeaseOfferRow = Selectable<LeaseOfferTable>
export type SearchOutboxRow = Selectable<SearchOutboxTable>

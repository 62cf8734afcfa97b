import { sql, type Kysely } from 'kysely'

/**
 * The whole domain of DESIGN.md in one go, so the schema is designed once even where later
 * capabilities fill in the behaviour. JSON columns are TEXT holding JSON; booleans are 0/1;
 * money is integer yuan (lease schedules: integer fen); timestamps are ISO-8601 UTC text.
 */
export async function up(db: Kysely<any>): Promise<void> {
	const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`

	await db.schema
		.createTable('category')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('group_key', 'text', (c) => c.notNull())
		.addColumn('name_zh', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text', (c) => c.notNull())
		.addColumn('sort', 'integer', (c) => c.notNull())
		.execute()

	await db.schema
		.createTable('organization')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('ref', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text')
		.addColumn('uscc', 'text', (c) => c.notNull().unique())
		.addColumn('roles', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('in_zone', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('area', 'text')
		.addColumn('industry', 'text')
		.addColumn('description', 'text')
		.addColumn('website', 'text')
		.addColumn('contact_person', 'text')
		.addColumn('contact_phone', 'text')
		.addColumn('contact_email', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('pending').check(sql`status in ('pending','verified','rejected','disabled')`),
		)
		.addColumn('status_reason', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute()
	await db.schema.createIndex('organization_status_idx').on('organization').column('status').execute()

	await db.schema
		.createTable('user')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('organization_id', 'integer', (c) => c.references('organization.id').onDelete('set null'))
		.addColumn('email', 'text', (c) => c.unique())
		.addColumn('phone', 'text', (c) => c.unique())
		.addColumn('name', 'text')
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('org_role', 'text', (c) => c.check(sql`org_role in ('owner','member')`))
		.addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active','disabled')`))
		.addColumn('locale', 'text')
		.addColumn('digest', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute()
	await db.schema.createIndex('user_org_idx').on('user').column('organization_id').execute()

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('last_seen_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute()
	await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute()

	await db.schema
		.createTable('one_time_token')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('password_reset','invitation')`))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('user_id', 'integer', (c) => c.references('user.id').onDelete('cascade'))
		.addColumn('organization_id', 'integer', (c) => c.references('organization.id').onDelete('cascade'))
		.addColumn('email', 'text')
		.addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute()

	await db.schema
		.createTable('product')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('ref', 'text', (c) => c.notNull().unique())
		.addColumn('organization_id', 'integer', (c) => c.notNull().references('organization.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('equipment','service')`))
		.addColumn('category_key', 'text', (c) => c.notNull().references('category.key'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_en', 'text')
		.addColumn('model', 'text')
		.addColumn('brand', 'text')
		.addColumn('description', 'text')
		.addColumn('specs', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('energy_grade', 'integer', (c) => c.check(sql`energy_grade between 1 and 3`))
		.addColumn('price_min', 'integer')
		.addColumn('price_max', 'integer')
		.addColumn('lead_time_days', 'integer')
		.addColumn('certifications', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('draft').check(sql`status in ('draft','pending','published','rejected','archived')`),
		)
		.addColumn('status_reason', 'text')
		.addColumn('published_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute()
	await db.schema.createIndex('product_org_idx').on('product').column('organization_id').execute()
	await db.schema.createIndex('product_status_idx').on('product').columns(['status', 'category_key']).execute()

	await db.schema
		.createTable('product_image')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('product_id', 'integer', (c) => c.notNull().references('product.id').onDelete('cascade'))
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('bytes', 'integer', (c) => c.notNull())
		.addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute()

	await db.schema
		.createTable('demand')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('ref', 'text', (c) => c.notNull().unique())
		.addColumn('organization_id', 'integer', (c) => c.notNull().references('organization.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('category_key', 'text', (c) => c.references('category.key'))
		.addColumn('domain', 'text')
		.addColumn('description', 'text', (c) => c.notNull())
		.addColumn('key_specs', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('quantity', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('budget_min', 'integer')
		.addColumn('budget_max', 'integer')
		.addColumn('needed_by', 'text')
		.addColumn('min_energy_grade', 'integer', (c) => c.check(sql`min_energy_grade between 1 and 3`))
		.addColumn('prefer_in_zone', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('financing', 'text', (c) =>
			c.notNull().defaultTo('none').check(sql`financing in ('none','leasing','loan')`),
		)
		.addColumn('old_name', 'text')
		.addColumn('old_model', 'text')
		.addColumn('old_installed_year', 'integer')
		.addColumn('old_quantity', 'integer')
		.addColumn('old_energy_grade', 'integer')
		.addColumn('old_annual_energy_kwh', 'integer')
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('draft').check(sql`status in ('draft','open','matched','closed','cancelled')`),
		)
		.addColumn('close_reason', 'text')
		.addColumn('expires_at', 'text')
		.addColumn('published_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute()
	await db.schema.createIndex('demand_org_idx').on('demand').column('organization_id').execute()
	await db.schema.createIndex('demand_status_idx').on('demand').columns(['status', 'financing']).execute()

	await db.schema
		.createTable('match')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('demand_id', 'integer', (c) => c.notNull().references('demand.id').onDelete('cascade'))
		.addColumn('product_id', 'integer', (c) => c.notNull().references('product.id').onDelete('cascade'))
		.addColumn('score', 'real', (c) => c.notNull())
		.addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('suggested')
				.check(sql`status in ('suggested','shortlisted','inquiry_sent','quoted','declined','won','lost')`),
		)
		.addColumn('inquiry_message', 'text')
		.addColumn('inquiry_quantity', 'integer')
		.addColumn('inquiry_wanted_date', 'text')
		.addColumn('inquiry_sent_at', 'text')
		.addColumn('computed_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.addUniqueConstraint('match_demand_product_uq', ['demand_id', 'product_id'])
		.execute()
	await db.schema.createIndex('match_product_idx').on('match').column('product_id').execute()

	await db.schema
		.createTable('message')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('match_id', 'integer', (c) => c.notNull().references('match.id').onDelete('cascade'))
		.addColumn('author_user_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('author_org_id', 'integer', (c) => c.notNull().references('organization.id').onDelete('cascade'))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute()

	await db.schema
		.createTable('quote')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('match_id', 'integer', (c) => c.notNull().references('match.id').onDelete('cascade'))
		.addColumn('unit_price', 'integer')
		.addColumn('total_price', 'integer')
		.addColumn('delivery_date', 'text')
		.addColumn('valid_until', 'text')
		.addColumn('note', 'text')
		.addColumn('attachment_file', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('sent').check(sql`status in ('sent','declined','won','lost','expired')`),
		)
		.addColumn('decline_reason', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute()
	await db.schema.createIndex('quote_match_idx').on('quote').column('match_id').execute()

	await db.schema
		.createTable('demand_report')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('demand_id', 'integer', (c) => c.notNull().references('demand.id').onDelete('cascade'))
		.addColumn('organization_id', 'integer', (c) => c.notNull().references('organization.id').onDelete('cascade'))
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute()

	await db.schema
		.createTable('leasing_program')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('ref', 'text', (c) => c.notNull().unique())
		.addColumn('organization_id', 'integer', (c) => c.notNull().references('organization.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('amount_min', 'integer', (c) => c.notNull())
		.addColumn('amount_max', 'integer', (c) => c.notNull())
		.addColumn('term_months_min', 'integer')
		.addColumn('term_months_max', 'integer')
		.addColumn('rate_min', 'real')
		.addColumn('rate_max', 'real')
		.addColumn('down_payment_min', 'real')
		.addColumn('structures', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('service_fee_pct', 'real')
		.addColumn('deposit_pct', 'real')
		.addColumn('industries', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('description', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('active').check(sql`status in ('active','paused','archived')`),
		)
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute()

	await db.schema
		.createTable('lease_request')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('demand_id', 'integer', (c) => c.notNull().references('demand.id').onDelete('cascade'))
		.addColumn('program_id', 'integer', (c) => c.references('leasing_program.id').onDelete('set null'))
		.addColumn('lessor_org_id', 'integer', (c) => c.notNull().references('organization.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addUniqueConstraint('lease_request_uq', ['demand_id', 'lessor_org_id'])
		.execute()

	await db.schema
		.createTable('lease_offer')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('demand_id', 'integer', (c) => c.notNull().references('demand.id').onDelete('cascade'))
		.addColumn('program_id', 'integer', (c) => c.references('leasing_program.id').onDelete('set null'))
		.addColumn('quote_id', 'integer', (c) => c.references('quote.id').onDelete('set null'))
		.addColumn('organization_id', 'integer', (c) => c.notNull().references('organization.id').onDelete('cascade'))
		.addColumn('amount_fen', 'integer', (c) => c.notNull())
		.addColumn('term_months', 'integer', (c) => c.notNull())
		.addColumn('annual_rate', 'real', (c) => c.notNull())
		.addColumn('down_payment_fen', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('deposit_fen', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('service_fee_fen', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('residual_fen', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('structure', 'text', (c) => c.notNull().check(sql`structure in ('direct','saleLeaseback')`))
		.addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('monthly','quarterly')`))
		.addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('annuity','equalPrincipal')`))
		.addColumn('timing', 'text', (c) => c.notNull().defaultTo('arrears').check(sql`timing in ('arrears','advance')`))
		.addColumn('schedule', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('valid_until', 'text')
		.addColumn('note', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('sent').check(sql`status in ('sent','accepted','declined','withdrawn','expired')`),
		)
		.addColumn('decline_reason', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute()
	await db.schema.createIndex('lease_offer_demand_idx').on('lease_offer').column('demand_id').execute()

	await db.schema
		.createTable('notification')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('organization_id', 'integer', (c) => c.notNull().references('organization.id').onDelete('cascade'))
		.addColumn('user_id', 'integer', (c) => c.references('user.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('link', 'text')
		.addColumn('read_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute()
	await db.schema.createIndex('notification_org_idx').on('notification').columns(['organization_id', 'read_at']).execute()

	await db.schema
		.createTable('email_outbox')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('to_address', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('sent_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute()

	await db.schema
		.createTable('audit_event')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('actor_user_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('actor_org_id', 'integer', (c) => c.references('organization.id').onDelete('set null'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('object_type', 'text', (c) => c.notNull())
		.addColumn('object_id', 'text', (c) => c.notNull())
		.addColumn('from_status', 'text')
		.addColumn('to_status', 'text')
		.addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('ip', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute()
	await db.schema.createIndex('audit_object_idx').on('audit_event').columns(['object_type', 'object_id']).execute()
	await db.schema.createIndex('audit_created_idx').on('audit_event').column('created_at').execute()

	// Transactional outbox for the search index: one row per changed entity, written in the same
	// transaction as the change. The relay re-reads the entity and sends a full replace or a delete.
	await db.schema
		.createTable('search_outbox')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('entity', 'text', (c) =>
			c.notNull().check(sql`entity in ('product','organization','demand','leasing_program')`),
		)
		.addColumn('entity_id', 'integer', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending','done')`))
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('last_error', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('done_at', 'text')
		.execute()
	await db.schema
		.createIndex('search_outbox_pending_idx')
		.on('search_outbox')
		.columns(['status', 'next_attempt_at'])
		.execute()

	await db.schema
		.createTable('app_meta')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const t of [
		'app_meta',
		'search_outbox',
		'audit_event',
		'email_outbox',
		'notification',
		'lease_offer',
		'lease_request',
		'leasing_program',
		'demand_report',
		'quote',
		'message',
		'match',
		'demand',
		'product_image',
		'product',
		'one_time_token',
		'session',
		'user',
		'organization',
		'category',
	]) {
		await db.schema.dropTable(t).ifExists().execute()
	}
}

/**
 * `npm run -s admin:create -- --email admin@example.com [--name 张三]`: creates a zone
 * administrator and prints a one-time password, which must be changed at the first login.
 * There is no default account (RELIABILITY R14); this is the only way an administrator appears.
 * Works on the embedded default (DATA_DIR) with or without the server running; it needs only
 * SQLite, so it does not start Meilisearch.
 */
import { parseArgs } from 'node:util'
import { mkdirSync } from 'node:fs'
import { databaseFile } from '#app/boot.server.ts'
import { getEnv } from '#app/env.server.ts'
import { createAdmin } from '#app/models/account.server.ts'
import { createDb } from '#db/client.ts'
import { migrateToLatest } from '#db/migrate.ts'

const USAGE = 'usage: npm run -s admin:create -- --email ADDRESS [--name NAME]'

async function main(): Promise<number> {
	let values: { email?: string; name?: string; help?: boolean }
	try {
		;({ values } = parseArgs({
			options: { email: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
			strict: true,
		}))
	} catch (error) {
		console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
		return 2
	}
	if (values.help) {
		console.log(USAGE)
		return 0
	}
	if (!values.email) {
		console.error(`--email is required\n${USAGE}`)
		return 2
	}
	const env = getEnv()
	mkdirSync(env.dataDir, { recursive: true })
	const { db } = createDb(databaseFile(env))
	try {
		await migrateToLatest(db)
		const result = await createAdmin(db, { email: values.email, name: values.name ?? null })
		if (!result.ok) {
			console.error(
				result.error === 'invalidEmail'
					? `not an email address: ${values.email}`
					: `a user with ${values.email} already exists (reset its password with /forgot-password)`,
			)
			return 1
		}
		console.log(`Created zone administrator ${result.email} (user ${result.userId}).`)
		console.log(`One-time password: ${result.oneTimePassword}`)
		console.log('Log in at /login with it; you will be asked to choose your own password before anything else.')
		console.log('It is shown only now and is not stored anywhere in plain text.')
		return 0
	} finally {
		await db.destroy()
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`admin:create failed: ${error instanceof Error ? error.message : String(error)}`)
		process.exit(1)
	},
)

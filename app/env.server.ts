import { resolve } from 'node:path'
import { z } from 'zod'

/** The only reader of process.env: parsed once, bad config fails at boot with a clear message. */
const EnvSchema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	HOST: z.string().default('0.0.0.0'),
	DATA_DIR: z.string().min(1).default('./data'),
	MEILI_URL: z.string().url().optional(),
	MEILI_MASTER_KEY: z.string().min(16, 'MEILI_MASTER_KEY must be at least 16 bytes').optional(),
	/** Prefix of every index name, so tests and several deployments can share one Meilisearch. */
	MEILI_INDEX_PREFIX: z
		.string()
		.regex(/^[a-z0-9_]+$/, 'MEILI_INDEX_PREFIX: lower-case letters, digits and _ only')
		.default('rm'),
	SESSION_SECRET: z.string().min(16).optional(),
	/** Where one-time links (reset, invitation) point; the request's own origin when unset. */
	PUBLIC_URL: z.string().url('PUBLIC_URL must be an absolute URL, e.g. https://renewmatch.example.cn').optional(),
	/** Set to the number of proxy hops in front of the app (e.g. 1) to trust X-Forwarded-For. */
	TRUST_PROXY: z.coerce.number().int().min(0).default(0),
	SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
})

export type Env = z.infer<typeof EnvSchema> & { dataDir: string }

let cached: Env | undefined

export function getEnv(): Env {
	if (cached) return cached
	const parsed = EnvSchema.safeParse(process.env)
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
		throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
	}
	if (parsed.data.MEILI_URL && !parsed.data.MEILI_MASTER_KEY) {
		throw new Error('Invalid configuration:\n  MEILI_MASTER_KEY is required with MEILI_URL')
	}
	cached = { ...parsed.data, dataDir: resolve(parsed.data.DATA_DIR) }
	return cached
}

/** Tests change the environment between files; this forgets the parsed copy. */
export function resetEnvForTests(): void {
	cached = undefined
}

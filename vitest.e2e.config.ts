import { defineConfig } from 'vitest/config'
import tsconfigPaths from 'vite-tsconfig-paths'

/** Browser journeys: a real server (production build, seeded temp DATA_DIR) driven by Debian's Chromium. */
export default defineConfig({
	plugins: [tsconfigPaths()],
	test: {
		include: ['tests/e2e/**/*.e2e.ts'],
		globalSetup: ['tests/e2e/setup/server.ts'],
		pool: 'forks',
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 240_000,
	},
})

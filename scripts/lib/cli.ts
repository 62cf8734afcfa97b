import { parseArgs, type ParseArgsConfig } from 'node:util'
import { bootPlatform, type Platform } from '#app/boot.server.ts'

/** A failure the user can fix (bad file, bad option): printed as is, exit 1, never a stack. */
export class CliError extends Error {
	constructor(
		message: string,
		readonly exitCode = 1,
	) {
		super(message)
	}
}

export type CliArgs = { values: Record<string, string | boolean | undefined>; positionals: string[] }

export type CliSpec = {
	/** Shown on --help and after a usage error. */
	usage: string
	options?: NonNullable<ParseArgsConfig['options']>
	/** How many positional arguments are accepted. */
	positionals?: { min: number; max: number }
}

function debugEnabled(): boolean {
	// Scripts are not the web app: reading DEBUG here keeps env.server.ts free of CLI-only flags.
	return Boolean(process.env.DEBUG)
}

function describe(error: unknown): string {
	if (error instanceof Error) return debugEnabled() && error.stack ? error.stack : error.message
	return String(error)
}

/** Parses argv per the spec; --help prints the usage and exits 0 before anything is started. */
export function parseCliArgs(spec: CliSpec, argv = process.argv.slice(2)): CliArgs {
	let parsed: ReturnType<typeof parseArgs>
	try {
		parsed = parseArgs({
			args: argv,
			options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
			allowPositionals: true,
			strict: true,
		})
	} catch (error) {
		throw new CliError(`${error instanceof Error ? error.message : String(error)}\n\n${spec.usage}`, 2)
	}
	if (parsed.values.help) {
		process.stdout.write(`${spec.usage.trimEnd()}\n`)
		process.exit(0)
	}
	const { min, max } = spec.positionals ?? { min: 0, max: 0 }
	if (parsed.positionals.length < min || parsed.positionals.length > max) {
		throw new CliError(`wrong number of arguments\n\n${spec.usage}`, 2)
	}
	return { values: parsed.values as CliArgs['values'], positionals: parsed.positionals }
}

/**
 * Runs a CLI on the platform: parses the arguments, boots (SQLite under DATA_DIR, Meilisearch
 * reused or started), runs `main`, and always stops what it started — also on an error or Ctrl-C.
 * `main` returns the exit code (0 when it returns nothing). Errors become one clear line and exit 1
 * (the stack only with DEBUG set).
 */
export async function runCli(
	spec: CliSpec,
	main: (platform: Platform, args: CliArgs) => Promise<number | void>,
): Promise<never> {
	let platform: Platform | undefined
	let stopping: Promise<void> | undefined
	const stopOnce = (): Promise<void> => {
		stopping ??= (platform?.stop() ?? Promise.resolve()).catch((error: unknown) => {
			process.stderr.write(`warning: could not stop cleanly: ${describe(error)}\n`)
		})
		return stopping
	}

	let interrupted = 0
	const onSignal = (signal: NodeJS.Signals) => {
		interrupted++
		if (interrupted > 1) process.exit(130)
		// An open transaction is never committed: SQLite rolls it back when the connection closes.
		process.stderr.write(`\n${signal}: stopping… (an unfinished transaction is rolled back)\n`)
		const timer = setTimeout(() => process.exit(130), 10_000)
		void stopOnce().finally(() => {
			clearTimeout(timer)
			process.exit(signal === 'SIGINT' ? 130 : 143)
		})
	}
	process.on('SIGINT', onSignal)
	process.on('SIGTERM', onSignal)

	let code = 0
	try {
		const args = parseCliArgs(spec)
		platform = await bootPlatform()
		code = (await main(platform, args)) ?? 0
	} catch (error) {
		// After a signal, the work fails because the database was closed under it: not news.
		if (interrupted > 0) await new Promise(() => {})
		code = reportFailure(error)
	}
	await stopOnce()
	process.exit(code)
}

/**
 * Runs a CLI that works on the files under DATA_DIR without booting the platform (no Meilisearch,
 * no migration): backup and restore, which must not open the database the normal way.
 */
export async function runLocalCli(spec: CliSpec, main: (args: CliArgs) => Promise<number | void>): Promise<never> {
	let code = 0
	try {
		code = (await main(parseCliArgs(spec))) ?? 0
	} catch (error) {
		code = reportFailure(error)
	}
	process.exit(code)
}

/** Prints a failure as one line (the stack only with DEBUG set) and returns the exit code. */
function reportFailure(error: unknown): number {
	process.stderr.write(`error: ${error instanceof CliError && !debugEnabled() ? error.message : describe(error)}\n`)
	return error instanceof CliError ? error.exitCode : 1
}

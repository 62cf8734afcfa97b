/**
 * `npm run -s import -- FILE`: imports an exchange file (JSON, format v1) or a product sheet
 * (CSV / XLSX) in one transaction, then pushes the changes to the search index.
 */
import { readFileSync, statSync } from 'node:fs'
import { extname } from 'node:path'
import {
	COLLECTIONS,
	formatImportCounts,
	importExchange,
	validateExchange,
	type ExchangeError,
} from '#app/models/exchange.server.ts'
import { formatSheetError, parseProductSheet, sheetFormatOf } from '#app/models/product-sheet.server.ts'
import { CliError, runCli } from './lib/cli.ts'
import { createProgress } from './lib/progress.ts'
import { recomputeMissingMatches } from '#app/models/match.server.ts'
import { prepareSearch, pushSearch } from './lib/sync.ts'

const USAGE = `Usage: npm run -s import -- FILE [--org REF] [--no-sync]

Imports FILE into the platform's database (DATA_DIR, default ./data) in one transaction:
all or nothing, idempotent by ref (the same file twice changes nothing; a changed file
updates in place). Then pushes the changes to the search index.

  FILE            .json  exchange format v1 (organizations, products, leasing programmes, demands)
                  .csv   product sheet (UTF-8 or GBK), header row as in the template
                  .xlsx  product sheet (first worksheet)
  --org REF       organization ref for a product sheet without a 企业编号(org) column
  --no-sync       leave the changes in the search outbox (the running server sends them)
  -h, --help      this help

On a bad file nothing is written; every problem is printed as "path: message", exit code 1.
Format and column reference: docs/exchange-format.md`

// A JSON file is parsed whole in memory (100k products are ~60 MB); far beyond that, split it.
const MAX_JSON_BYTES = 256 * 1024 * 1024

await runCli(
	{
		usage: USAGE,
		options: { org: { type: 'string' }, 'no-sync': { type: 'boolean' } },
		positionals: { min: 1, max: 1 },
	},
	async (platform, { values, positionals }) => {
		const file = positionals[0]!
		const orgRef = typeof values.org === 'string' ? values.org : undefined
		let size: number
		try {
			size = statSync(file).size
		} catch {
			throw new CliError(`cannot read ${file}: no such file`)
		}
		const progress = createProgress('import')

		let input: unknown
		// For a sheet, products[i] is sheet row rows[i]: errors found at import (dangling org…) name the row.
		let rows: number[] | undefined
		const sheet = sheetFormatOf(file)
		if (extname(file).toLowerCase() === '.json') {
			if (size > MAX_JSON_BYTES) throw new CliError(`${file} is larger than 256 MB: split it into several files`)
			try {
				input = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''))
			} catch (error) {
				return refuse([{ path: '$', message: `不是有效的 JSON (invalid JSON): ${(error as Error).message}` }])
			}
		} else if (sheet) {
			const parsed = await parseProductSheet(readFileSync(file), file, { orgRef })
			if (!parsed.ok) return refuse(parsed.errors.map((e) => formatSheetError(e)))
			input = { version: 1, products: parsed.products }
			rows = parsed.rows
		} else {
			throw new CliError(`${file}: unsupported file type (use .json, .csv or .xlsx)`)
		}

		// Validate before touching the search indexes, so a refused file leaves no trace at all.
		// importExchange validates again inside its transaction: the database may change meanwhile.
		const validation = await validateExchange(input, platform.db)
		if (!validation.ok) return refuse(validation.errors.map(atRow))
		const sync = !values['no-sync']
		if (sync) await prepareSearch(platform, progress)

		const result = await importExchange(platform.db, input, { onProgress: progress.update })
		if (!result.ok) return refuse(result.errors.map(atRow))
		progress.stop()
		for (const line of formatImportCounts(result.counts)) process.stdout.write(`${line}\n`)

		let searchNote = 'search index: not synced (--no-sync)'
		if (sync) {
			const { pushed, pending } = await pushSearch(platform, progress)
			searchNote =
				pending === 0
					? `search index: ${pushed} changes pushed`
					: `search index: ${pushed} pushed, ${pending} still queued`
			// Imported demands get their suggestions now (the web forms compute them on publish).
			if (pending === 0) {
				const computed = await recomputeMissingMatches(platform)
				if (computed > 0) searchNote += `; matches computed for ${computed} demands`
			}
		}
		const changed = COLLECTIONS.reduce((n, k) => n + result.counts[k].created + result.counts[k].updated, 0)
		const unchanged = COLLECTIONS.reduce((n, k) => n + result.counts[k].unchanged, 0)
		progress.summary(`${changed} records created or updated, ${unchanged} unchanged; ${searchNote}`)
		return 0

		function atRow(e: ExchangeError): ExchangeError | string {
			const m = rows ? /^products\[(\d+)\]\.?(.*)$/.exec(e.path) : null
			const row = m ? rows?.[Number(m[1])] : undefined
			return row === undefined ? e : `第 ${row} 行 (row ${row})${m?.[2] ? ` [${m[2]}]` : ''}: ${e.message}`
		}

		function refuse(errors: Array<ExchangeError | string>): number {
			progress.stop()
			for (const e of errors) process.stderr.write(`${typeof e === 'string' ? e : `${e.path}: ${e.message}`}\n`)
			process.stderr.write(
				`import refused: ${errors.length} error${errors.length === 1 ? '' : 's'} in ${file}; nothing was written\n`,
			)
			return 1
		}
	},
)

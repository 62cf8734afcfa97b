/**
 * `npm run -s export -- FILE`: the whole catalogue back out as an exchange file (JSON, format v1),
 * or the products alone as a sheet (CSV / XLSX).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { COLLECTIONS, exportExchange } from '#app/models/exchange.server.ts'
import { exportProductsSheet, sheetFormatOf } from '#app/models/product-sheet.server.ts'
import { CliError, runCli } from './lib/cli.ts'
import { createProgress } from './lib/progress.ts'

const USAGE = `Usage: npm run -s export -- FILE [--format json|csv|xlsx] [--org REF]

Writes the whole catalogue (organizations, products, leasing programmes, demands; every status)
as an exchange file, format v1 — the same format import reads, so export then import changes
nothing. It includes contacts and budgets: it is an administrator's backup, not a public list.

  FILE              output file; "-" writes to stdout (json and csv only)
  --format FORMAT   json (default), or csv / xlsx for the products alone as a sheet in the
                    template's layout (also chosen by a .csv / .xlsx FILE name)
  --org REF         with csv / xlsx: only this organization's products
  -h, --help        this help`

await runCli(
	{
		usage: USAGE,
		options: { format: { type: 'string' }, org: { type: 'string' } },
		positionals: { min: 1, max: 1 },
	},
	async (platform, { values, positionals }) => {
		const file = positionals[0]!
		const toStdout = file === '-'
		const format =
			typeof values.format === 'string' ? values.format : toStdout ? 'json' : (sheetFormatOf(file) ?? 'json')
		if (format !== 'json' && format !== 'csv' && format !== 'xlsx')
			throw new CliError(`--format must be json, csv or xlsx (got ${format})`, 2)
		if (format === 'xlsx' && toStdout) throw new CliError('xlsx cannot be written to stdout: give a file name', 2)
		if (values.org && format === 'json') throw new CliError('--org applies to csv / xlsx exports only', 2)
		// With "-" the data owns stdout: progress and the summary go to stderr.
		const progress = createProgress('export', { summaryStream: toStdout ? process.stderr : process.stdout })

		let body: Buffer
		let summary: string
		if (format === 'json') {
			const doc = await exportExchange(platform.db, { onProgress: progress.update })
			body = Buffer.from(`${JSON.stringify(doc, null, '\t')}\n`, 'utf8')
			summary = COLLECTIONS.map((k) => `${doc[k].length} ${k}`).join(', ')
		} else {
			body = await exportProductsSheet(platform.db, format, {
				orgRef: typeof values.org === 'string' ? values.org : undefined,
			})
			summary = `products as ${format.toUpperCase()}`
		}

		if (toStdout) {
			await new Promise<void>((resolve, reject) =>
				process.stdout.write(body, (error) => (error ? reject(error) : resolve())),
			)
		} else {
			// Written beside the target and renamed: an interrupted export never leaves half a file.
			const tmp = `${file}.${process.pid}.tmp`
			try {
				writeFileSync(tmp, body)
				renameSync(tmp, file)
			} catch (error) {
				rmSync(tmp, { force: true })
				throw new CliError(`cannot write ${file}: ${(error as Error).message}`)
			}
		}
		progress.summary(`${summary} → ${toStdout ? 'stdout' : file} (${(body.length / 1024).toFixed(0)} KiB)`)
		return 0
	},
)

/**
 * `npm run -s match -- --demand REF [--limit N] [--json]`: the ranked, explained matches of one
 * demand and the leasing programmes that fit it — the same list as GET /api/v1/demands/:ref/matches.
 */
import { formatMoney } from '#app/matching/reasons.ts'
import { buildDemandMatchReport } from '#app/matching/suggest.server.ts'
import { CliError, runCli } from './lib/cli.ts'

const USAGE = `Usage: npm run -s match -- --demand REF [--limit N] [--json] [--lang zh-CN|en]

Prints the products that fit demand REF, best first, each with its score (0..1) and its
reasons (category, key spec, budget, energy grade, in-zone, lead time, text), then the
leasing programmes that cover it with an indicative monthly payment.

  --demand REF    the demand's ref (as in the exchange file)
  --limit N       how many matches (default 10, at most 100)
  --json          the JSON of the contract: { demand, matches: [{ product, score, reasons }], leasing: [...] }
  --lang L        language of the reason texts (zh-CN default, en)
  -h, --help      this help

Exit code 1 when no demand has that ref.`

await runCli(
	{
		usage: USAGE,
		options: {
			demand: { type: 'string' },
			limit: { type: 'string' },
			json: { type: 'boolean' },
			lang: { type: 'string' },
		},
	},
	async (platform, { values }) => {
		const ref = typeof values.demand === 'string' ? values.demand.trim() : ''
		if (!ref) throw new CliError(`--demand REF is required\n\n${USAGE}`, 2)
		const limit = values.limit === undefined ? 10 : Number(values.limit)
		if (!Number.isInteger(limit) || limit < 1 || limit > 100)
			throw new CliError('--limit must be a whole number from 1 to 100', 2)
		const lang = values.lang === 'en' ? 'en' : 'zh-CN'
		const report = await buildDemandMatchReport(platform, ref, { limit, lang })
		if (!report) throw new CliError(`no demand with ref "${ref}" (未找到需求 ${ref})`)
		if (values.json) {
			process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
			return 0
		}
		const out: string[] = [`demand ${report.demand}: ${report.matches.length} matches`]
		report.matches.forEach((m, i) => {
			out.push(`${String(i + 1).padStart(3)}. ${m.product.padEnd(16)} ${m.score.toFixed(3)}`)
			for (const r of m.reasons)
				out.push(`       ${r.status === 'met' ? '✓' : r.status === 'partly' ? '~' : '✗'} ${r.text}`)
		})
		if (report.leasing.length > 0) {
			out.push('', 'leasing:')
			for (const l of report.leasing) {
				const pay = l.monthlyPayment == null ? '—' : formatMoney(l.monthlyPayment, lang)
				out.push(
					`  ${l.program.padEnd(16)} ${l.score.toFixed(3)}  ${pay}/月 × ${l.termMonths} @ ${(l.annualRate * 100).toFixed(2)}%`,
				)
			}
		}
		process.stdout.write(`${out.join('\n')}\n`)
		return 0
	},
)

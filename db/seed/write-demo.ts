/**
 * Writes db/seed/demo.json from buildDemoData(): `npx tsx db/seed/write-demo.ts [OUT]`.
 * The file is checked in so the import command and the e2e tests can use it without running code.
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ExchangeDocumentSchema } from '../../app/models/exchange.schema.ts'
import { buildDemoData } from './demo-data.ts'

const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'demo.json')
const doc = buildDemoData()
// Refuse to write a file the importer would refuse.
ExchangeDocumentSchema.parse(doc)
writeFileSync(out, `${JSON.stringify(doc, null, '\t')}\n`)
console.log(
	`wrote ${out}: ${doc.organizations?.length ?? 0} organizations, ${doc.products?.length ?? 0} products, ` +
		`${doc.leasingPrograms?.length ?? 0} leasing programmes, ${doc.demands?.length ?? 0} demands`,
)

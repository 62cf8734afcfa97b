import type { ExchangeDocumentInput } from '../../app/models/exchange.schema.ts'
import { completeUscc } from '../../app/models/uscc.ts'
import type { Rng } from './random.ts'
import { GIVEN_NAMES, MOBILE_PREFIXES, SURNAMES } from './vocab/names.ts'

export type OrgInput = NonNullable<ExchangeDocumentInput['organizations']>[number]
export type Contact = NonNullable<OrgInput['contact']>

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/**
 * A fresh, valid credit code: '91' (enterprise) + division code + 9-character body + check character.
 * `taken` keeps codes distinct, as the import's unique index demands.
 */
export function makeUscc(rng: Rng, region: string, taken: Set<string>): string {
	for (;;) {
		let body = ''
		// Real organization-code bodies are mostly digits with the odd letter; keep that look.
		for (let i = 0; i < 9; i++)
			body += rng.chance(0.8) ? String(rng.int(0, 9)) : rng.pick(USCC_ALPHABET.slice(10).split(''))
		const code = completeUscc(`91${region}${body}`)
		if (!taken.has(code)) {
			taken.add(code)
			return code
		}
	}
}

export function makeMobile(rng: Rng): string {
	let rest = ''
	for (let i = 0; i < 8; i++) rest += String(rng.int(0, 9))
	return rng.pick(MOBILE_PREFIXES) + rest
}

export function makeContact(rng: Rng, domain: string): Contact {
	const [surname, surnamePy] = rng.pick(SURNAMES)
	const [given, givenPy] = rng.pick(GIVEN_NAMES)
	const mailbox = rng.weighted<string>([
		[`${surnamePy}.${givenPy}`, 5],
		[`${surnamePy}${givenPy}`, 2],
		[rng.pick(['sales', 'market', 'service', 'info', 'purchase']), 2],
	])
	return { person: `${surname}${given}`, phone: makeMobile(rng), email: `${mailbox}@${domain}` }
}

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 * 18 characters from a 31-symbol alphabet (no I, O, Z, S, V); the last is a check character.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** Full-width to half-width, trimmed, upper-cased: what a person typed, as the standard writes it. */
export function normalizeUscc(input: string): string {
	return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
}

/** The check character for the first 17 characters, or null when one of them is outside the alphabet. */
export function usccCheckChar(first17: string): string | null {
	let sum = 0
	for (let i = 0; i < 17; i++) {
		const v = ALPHABET.indexOf(first17[i] ?? '')
		if (v < 0) return null
		sum += v * WEIGHTS[i]!
	}
	return ALPHABET[(31 - (sum % 31)) % 31]!
}

export type UsccProblem = 'length' | 'charset' | 'check'

/** Why a code is not valid, or null when it is. */
export function usccProblem(input: string): UsccProblem | null {
	const code = normalizeUscc(input)
	if (code.length !== 18) return 'length'
	for (const ch of code) if (!ALPHABET.includes(ch)) return 'charset'
	return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'check'
}

export function isValidUscc(input: string): boolean {
	return usccProblem(input) === null
}

/** Appends the check character: for tests and the seed generator. */
export function completeUscc(first17: string): string {
	const check = usccCheckChar(first17)
	if (!check) throw new Error(`not a USCC body: ${first17}`)
	return first17 + check
}

/**
 * Money for the leasing arithmetic: integer fen (分) everywhere, and one rounding rule —
 * half away from zero to the fen, applied once to each computed amount (an instalment's interest,
 * an annuity payment, an equal-principal share), never to running totals.
 * Formatting for people is the UI's job (app/i18n/format.ts), not this module's.
 */

/** Fen in one yuan. */
export const FEN_PER_YUAN = 100

/** An exact fraction num / den, den > 0. */
export type Fraction = { num: bigint; den: bigint }

// Number#toString gives the shortest decimal that reads back as the same double, i.e. what a
// person typed (0.055, 1.005); the exponent form covers 1e-7 and 1e+21.
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/

/** The decimal a finite number was written as, as an exact fraction (0.055 → 55/1000); throws on NaN/±Infinity. */
export function decimalFraction(value: number): Fraction {
	const m = DECIMAL.exec(String(value))
	if (!Number.isFinite(value) || !m) throw new RangeError(`not a finite number: ${value}`)
	const [, sign, int = '0', frac = '', exp = '0'] = m
	let num = BigInt(int + frac)
	if (sign === '-') num = -num
	const shift = Number(exp) - frac.length
	return shift >= 0 ? { num: num * 10n ** BigInt(shift), den: 1n } : { num, den: 10n ** BigInt(-shift) }
}

/** num / den rounded half away from zero to an integer, exactly (den > 0). */
export function roundDiv(num: bigint, den: bigint): bigint {
	const neg = num < 0n
	const abs = neg ? -num : num
	let q = abs / den
	if ((abs % den) * 2n >= den) q += 1n
	return neg ? -q : q
}

/** A float rounded half away from zero to an integer (2.5 → 3, −2.5 → −3); never returns −0. */
export function roundHalfAwayFromZero(x: number): number {
	const r = Math.round(Math.abs(x))
	if (r === 0) return 0
	return x < 0 ? -r : r
}

/**
 * amountFen × rate ÷ divisor rounded half away from zero to the fen, computed exactly on the
 * decimal the rate was written as — so a true half fen (e.g. 1 fen × 0.5) always rounds up and
 * never falls to the wrong side through binary floating point.
 */
export function fenTimesRate(amountFen: number, rate: number, divisor = 1): number {
	const { num, den } = decimalFraction(rate)
	return Number(roundDiv(BigInt(amountFen) * num, den * BigInt(divisor)))
}

/** Yuan (as written, e.g. 1.005) to integer fen, half away from zero (1.005 → 101); throws on a non-finite or unsafe value — user text goes through parseYuanToFen. */
export function yuanToFen(yuan: number): number {
	const { num, den } = decimalFraction(yuan)
	const fen = Number(roundDiv(num * BigInt(FEN_PER_YUAN), den))
	if (!Number.isSafeInteger(fen)) throw new RangeError(`amount out of range: ${yuan}`)
	return fen
}

/** Integer fen to yuan as a number (12345 → 123.45), for arithmetic and storage only, never for display. */
export function fenToYuan(fen: number): number {
	return fen / FEN_PER_YUAN
}

/**
 * A non-negative yuan amount typed by a person ("1,000,000.50", "１２３.４５", " 88 ") to fen,
 * half away from zero; null when it is not a plain non-negative decimal or is too large.
 */
export function parseYuanToFen(text: string): number | null {
	const s = text.normalize('NFKC').replace(/[\s,]/g, '')
	const m = /^(\d+)(?:\.(\d+))?$/.exec(s)
	if (!m) return null
	const [, int = '0', frac = ''] = m
	const fen = Number(roundDiv(BigInt(int + frac) * BigInt(FEN_PER_YUAN), 10n ** BigInt(frac.length)))
	return Number.isSafeInteger(fen) ? fen : null
}

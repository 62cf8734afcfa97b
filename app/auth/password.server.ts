import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { isCommonPassword } from './common-passwords.server.ts'
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, countPasswordChars } from './password-rules.ts'

/**
 * Password storage (RELIABILITY R10): scrypt, N=2^17, r=8, p=1 — OWASP's scrypt floor — kept in
 * a self-describing PHC-style string `$scrypt$ln=17,r=8,p=1$<salt>$<key>` so the parameters can be
 * read back from each stored hash and raised later without breaking old ones (see needsRehash).
 * node:crypto needs no native add-on; Argon2id (@node-rs/argon2) would slot in as another prefix.
 */
export const SCRYPT_PARAMS = { ln: 17, r: 8, p: 1, keyBytes: 64, saltBytes: 16 } as const

// 128 * N * r = 128 MiB for N=2^17, r=8; Node's default maxmem (32 MiB) throws, so raise it with headroom.
const MAXMEM = 256 * 1024 * 1024
// Bounds for parameters read from a stored hash, so a corrupt row can't make us allocate gigabytes.
const MAX_LN = 20

export type HashParams = {
	algorithm: 'scrypt'
	N: number
	ln: number
	r: number
	p: number
	saltBytes: number
	keyBytes: number
}

function scryptAsync(password: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		scrypt(password, salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)))
	})
}

/**
 * NFC only: the same password typed on macOS (NFD) and Windows (NFC) must match, but NFKC would
 * fold distinct characters (全角 Ａ and A) into one and quietly weaken what people chose.
 */
function normalize(password: string): string {
	return password.normalize('NFC')
}

/** Hashes a password with the current parameters. */
export async function hashPassword(password: string): Promise<string> {
	const { ln, r, p, keyBytes, saltBytes } = SCRYPT_PARAMS
	const salt = randomBytes(saltBytes)
	const key = await scryptAsync(normalize(password), salt, keyBytes, { N: 2 ** ln, r, p, maxmem: MAXMEM })
	return `$scrypt$ln=${ln},r=${r},p=${p}$${salt.toString('base64url')}$${key.toString('base64url')}`
}

type Parsed = HashParams & { salt: Buffer; key: Buffer }

function parseHash(stored: string): Parsed | null {
	const m = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{32,})$/.exec(stored)
	if (!m) return null
	const ln = Number(m[1])
	const r = Number(m[2])
	const p = Number(m[3])
	if (ln < 1 || ln > MAX_LN || r < 1 || r > 32 || p < 1 || p > 16) return null
	const salt = Buffer.from(m[4]!, 'base64url')
	const key = Buffer.from(m[5]!, 'base64url')
	return { algorithm: 'scrypt', N: 2 ** ln, ln, r, p, saltBytes: salt.length, keyBytes: key.length, salt, key }
}

/** The parameters a stored hash was made with, or null when it is not one of ours. */
export function readHashParams(stored: string): HashParams | null {
	const parsed = parseHash(stored)
	if (!parsed) return null
	const { salt: _salt, key: _key, ...params } = parsed
	return params
}

/** True when the stored hash is weaker than today's parameters (rehash it at the next login). */
export function needsRehash(stored: string): boolean {
	const params = readHashParams(stored)
	if (!params) return true
	return params.ln < SCRYPT_PARAMS.ln || params.r < SCRYPT_PARAMS.r || params.keyBytes < SCRYPT_PARAMS.keyBytes
}

/** Constant-time check of a password against a stored hash; false for anything malformed. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parsed = parseHash(stored)
	if (!parsed) return false
	const key = await scryptAsync(normalize(password), parsed.salt, parsed.key.length, {
		N: parsed.N,
		r: parsed.r,
		p: parsed.p,
		maxmem: MAXMEM,
	})
	return key.length === parsed.key.length && timingSafeEqual(key, parsed.key)
}

let dummyHash: Promise<string> | undefined

/**
 * Spends the same time as a real verification when the account does not exist, so the response
 * time of a login does not tell an attacker which phone numbers and emails are registered.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hashPassword(randomBytes(18).toString('base64url'))
	await verifyPassword(password, await dummyHash)
	return false
}

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'sameAsIdentifier'

/**
 * Why a new password is not acceptable (RELIABILITY R11/R12): length in characters, not bytes,
 * no composition rules, no truncation; common passwords and the account name are refused.
 */
export function newPasswordProblem(
	password: string,
	identifiers: Array<string | null | undefined> = [],
): PasswordProblem | null {
	const n = countPasswordChars(password)
	if (n < PASSWORD_MIN_CHARS) return 'tooShort'
	if (n > PASSWORD_MAX_CHARS) return 'tooLong'
	if (isCommonPassword(password)) return 'common'
	const lower = normalize(password).toLowerCase()
	for (const id of identifiers) if (id && lower === id.toLowerCase()) return 'sameAsIdentifier'
	return null
}

/** A readable one-time password for admin:create (about 100 bits, no look-alike characters). */
export function generateOneTimePassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789'
	const bytes = randomBytes(20)
	let out = ''
	for (let i = 0; i < 20; i++) {
		if (i > 0 && i % 5 === 0) out += '-'
		// 256 % 54 bias is < 2 % per character; irrelevant at 20 characters and a forced change.
		out += alphabet[bytes[i]! % alphabet.length]
	}
	return out
}

import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { commonPasswordCount, isCommonPassword } from '#app/auth/common-passwords.server.ts'
import {
	SCRYPT_PARAMS,
	generateOneTimePassword,
	hashPassword,
	needsRehash,
	newPasswordProblem,
	readHashParams,
	verifyPassword,
} from '#app/auth/password.server.ts'
import { countPasswordChars } from '#app/auth/password-rules.ts'

// Real-cost scrypt (~0.4 s a hash, several seconds on a loaded two-core runner) in most tests here.
vi.setConfig({ testTimeout: 120_000 })

describe('password storage (R10)', () => {
	it('stores scrypt N=2^17, r=8, p=1 with a 16-byte salt and a 64-byte key, read back from the hash', async () => {
		const stored = await hashPassword('焕新撮合 test password')
		expect(stored.startsWith('$scrypt$ln=17,r=8,p=1$')).toBe(true)
		const params = readHashParams(stored)
		expect(params).toEqual({ algorithm: 'scrypt', N: 2 ** 17, ln: 17, r: 8, p: 1, saltBytes: 16, keyBytes: 64 })
		expect(params!.N).toBeGreaterThanOrEqual(2 ** 17)
		expect(needsRehash(stored)).toBe(false)
		// Same password, new salt: never the same string twice.
		expect(await hashPassword('焕新撮合 test password')).not.toBe(stored)
	})

	it('flags weaker stored parameters for a rehash and refuses malformed or absurd ones', async () => {
		expect(needsRehash('$scrypt$ln=14,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(86))).toBe(true)
		expect(needsRehash('plain text')).toBe(true)
		expect(readHashParams('$scrypt$ln=40,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(86))).toBeNull()
		expect(await verifyPassword('x', 'not a hash')).toBe(false)
		expect(await verifyPassword('x', '')).toBe(false)
		expect(SCRYPT_PARAMS.ln).toBe(17)
	})
})

describe('password rules (R11, R12)', () => {
	it('counts characters, not bytes, and refuses < 8 and > 128', () => {
		expect(countPasswordChars('密码密码密码密码')).toBe(8)
		expect(countPasswordChars('😀'.repeat(8))).toBe(8)
		expect(newPasswordProblem('我的设备更新密码')).toBeNull()
		expect(newPasswordProblem('密码密码密码密码')).toBe('common')
		expect(newPasswordProblem('short')).toBe('tooShort')
		expect(newPasswordProblem('a'.repeat(7) + 'b')).toBeNull()
		expect(newPasswordProblem('x'.repeat(129))).toBe('tooLong')
		expect(newPasswordProblem('Ab3$'.repeat(32))).toBeNull()
	})

	it('accepts any 8–64 character string that is not a common password (property, no composition rules)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', minLength: 8, maxLength: 64 }), (pw) => {
				fc.pre(countPasswordChars(pw) >= 8 && countPasswordChars(pw) <= 128 && !isCommonPassword(pw))
				expect(newPasswordProblem(pw)).toBeNull()
			}),
			{ numRuns: 1000 },
		)
	})

	it('refuses common passwords from the bundled list and plain runs, without any network', () => {
		expect(commonPasswordCount()).toBeGreaterThan(200)
		for (const pw of [
			'password',
			'Password1',
			'12345678',
			'qwertyuiop',
			'1qaz2wsx',
			'woaini1314',
			'aaaaaaaaaa',
			'23456789',
			'abababab',
			'RenewMatch123',
		]) {
			expect(newPasswordProblem(pw), pw).toBe('common')
		}
		expect(newPasswordProblem('zhang@example.com', ['zhang@example.com'])).toBe('sameAsIdentifier')
		expect(newPasswordProblem('13812345678', ['13812345678'])).toBe('sameAsIdentifier')
		expect(newPasswordProblem('溪边的风车2024')).toBeNull()
	})

	it('generates one-time passwords that pass the rules', () => {
		const otp = generateOneTimePassword()
		expect(otp).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/)
		expect(newPasswordProblem(otp)).toBeNull()
	})
})

describe('password round trip (R11)', () => {
	// Each run hashes once and verifies twice at the real cost (~0.4 s each on two cores), so this
	// property keeps numRuns small; the cheap rules above run 1000 times.
	it('any 8–64 character Unicode password verifies, and changing one character fails', async () => {
		const started = Date.now()
		await fc.assert(
			fc.asyncProperty(fc.string({ unit: 'binary', minLength: 8, maxLength: 64 }), fc.nat(), async (pw, at) => {
				const chars = [...pw]
				fc.pre(chars.length >= 8)
				const i = at % chars.length
				const original = chars[i]!
				// A replacement that differs after NFC too (the hash input is NFC-normalized).
				const replacement = original === 'x' ? 'y' : 'x'
				chars[i] = replacement
				const wrong = chars.join('')
				fc.pre(wrong.normalize('NFC') !== pw.normalize('NFC'))
				const stored = await hashPassword(pw)
				expect(await verifyPassword(pw, stored)).toBe(true)
				expect(await verifyPassword(wrong, stored)).toBe(false)
				// No truncation: appending a character changes the outcome.
				expect(await verifyPassword(`${pw}x`, stored)).toBe(false)
			}),
			{ numRuns: 6 },
		)
		console.log(`R11 round-trip: runs=6 real-cost scrypt ms=${Date.now() - started}`)
	}, 120_000)

	it('matches the same password typed in NFD and NFC (macOS vs Windows input)', async () => {
		const nfc = 'Café—密码test'
		const stored = await hashPassword(nfc)
		expect(await verifyPassword(nfc.normalize('NFD'), stored)).toBe(true)
	})
})

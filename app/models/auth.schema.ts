import { z } from 'zod'
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS, countPasswordChars } from '#app/auth/password-rules.ts'

/**
 * Client-safe schemas of the sign-in forms (RELIABILITY R21: strict allow-lists, length limits).
 * Every message is a key of the `auth` i18n namespace, so the same schema answers in Chinese or
 * English wherever it runs; the pages translate `errors.*` keys.
 */

export type Identifier = { kind: 'email'; value: string } | { kind: 'phone'; value: string }

const EMAIL_RE = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/
// Mainland mobile numbers: 11 digits starting 13–19 (a landline can't receive a reset link).
const PHONE_RE = /^1[3-9]\d{9}$/

/**
 * An email address or a mainland mobile number, in one canonical spelling: NFKC first because
 * Chinese IMEs type full-width digits and ＠, then lower-case email, digits-only phone without +86.
 */
export function parseIdentifier(input: string): Identifier | null {
	const s = input.normalize('NFKC').trim()
	if (s.length === 0 || s.length > 254) return null
	if (s.includes('@')) {
		const email = s.toLowerCase()
		return EMAIL_RE.test(email) ? { kind: 'email', value: email } : null
	}
	let digits = s.replace(/[\s\-()]/g, '')
	if (digits.startsWith('+86')) digits = digits.slice(3)
	else if (digits.startsWith('0086')) digits = digits.slice(4)
	else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2)
	return PHONE_RE.test(digits) ? { kind: 'phone', value: digits } : null
}

/** Shows an identifier without giving it away: 138****5678, z***@example.com. */
export function maskIdentifier(value: string): string {
	const at = value.indexOf('@')
	if (at > 0) return `${value[0]}***${value.slice(at)}`
	if (/^\d{11}$/.test(value)) return `${value.slice(0, 3)}****${value.slice(7)}`
	return value.length <= 2 ? '**' : `${value[0]}***${value[value.length - 1]}`
}

/** A string field whose type and absence errors are message keys too (fuzzed input sends arrays). */
export function text(requiredKey = 'errors.required') {
	return z.string({ required_error: requiredKey, invalid_type_error: 'errors.invalid' })
}

export const IdentifierField = text('errors.identifierRequired')
	.max(254, 'errors.identifierInvalid')
	.transform((value, ctx) => {
		const id = parseIdentifier(value)
		if (!id) {
			ctx.addIssue({ code: 'custom', message: 'errors.identifierInvalid' })
			return z.NEVER
		}
		return id
	})

/** Login takes any stored password, but a bound keeps parsing cheap. */
const CurrentPasswordField = text('errors.passwordRequired').max(1024, 'errors.passwordTooLong')

export const NewPasswordField = text('errors.passwordRequired')
	.max(PASSWORD_MAX_CHARS * 4, 'errors.passwordTooLong')
	.superRefine((value, ctx) => {
		const n = countPasswordChars(value)
		if (n < PASSWORD_MIN_CHARS) ctx.addIssue({ code: 'custom', message: 'errors.passwordTooShort' })
		else if (n > PASSWORD_MAX_CHARS) ctx.addIssue({ code: 'custom', message: 'errors.passwordTooLong' })
	})

/**
 * Only same-site paths; anything else (//evil, https://…, /\evil) falls back. The result is
 * re-serialized by URL, so it is plain ASCII (percent-encoded) and safe in a Location header.
 */
export function safeRedirectPath(to: unknown, fallback = '/'): string {
	if (typeof to !== 'string' || to.length === 0 || to.length > 2048) return fallback
	if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
	// Control characters (tab, CR, LF…) are dropped by URL parsing and could smuggle a // past the check.
	for (const ch of to) if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) return fallback
	const base = 'http://same-site.invalid'
	let url: URL
	try {
		url = new URL(to, base)
	} catch {
		return fallback
	}
	if (url.origin !== base) return fallback
	return `${url.pathname}${url.search}${url.hash}`
}

const RedirectToField = z.string({ invalid_type_error: 'errors.invalid' }).max(2048, 'errors.invalid').optional()

const PersonName = text('errors.nameRequired').trim().min(1, 'errors.nameRequired').max(50, 'errors.nameTooLong')

export const LoginSchema = z
	.object({
		identifier: IdentifierField,
		password: CurrentPasswordField,
		redirectTo: RedirectToField,
	})
	.strict('errors.invalid')

export const SignupSchema = z
	.object({
		identifier: IdentifierField,
		name: PersonName,
		password: NewPasswordField,
		confirmPassword: text('errors.confirmRequired').max(1024, 'errors.passwordMismatch'),
		redirectTo: RedirectToField,
	})
	.strict('errors.invalid')
	.refine((v) => v.password === v.confirmPassword, { message: 'errors.passwordMismatch', path: ['confirmPassword'] })

export const ForgotPasswordSchema = z.object({ identifier: IdentifierField }).strict('errors.invalid')

export const ResetPasswordSchema = z
	.object({
		password: NewPasswordField,
		confirmPassword: text('errors.confirmRequired').max(1024, 'errors.passwordMismatch'),
	})
	.strict('errors.invalid')
	.refine((v) => v.password === v.confirmPassword, { message: 'errors.passwordMismatch', path: ['confirmPassword'] })

export const ChangePasswordSchema = z
	.object({
		intent: z.literal('changePassword', { errorMap: () => ({ message: 'errors.invalid' }) }),
		currentPassword: CurrentPasswordField,
		password: NewPasswordField,
		confirmPassword: text('errors.confirmRequired').max(1024, 'errors.passwordMismatch'),
	})
	.strict('errors.invalid')
	.refine((v) => v.password === v.confirmPassword, { message: 'errors.passwordMismatch', path: ['confirmPassword'] })

export const ProfileSchema = z
	.object({
		intent: z.literal('profile', { errorMap: () => ({ message: 'errors.invalid' }) }),
		name: PersonName,
	})
	.strict('errors.invalid')

/** Joining through an invitation without an account: the identifier is fixed by the invitation. */
export const InviteSignupSchema = z
	.object({
		intent: z.literal('signup', { errorMap: () => ({ message: 'errors.invalid' }) }),
		name: PersonName,
		password: NewPasswordField,
		confirmPassword: text('errors.confirmRequired').max(1024, 'errors.passwordMismatch'),
	})
	.strict('errors.invalid')
	.refine((v) => v.password === v.confirmPassword, { message: 'errors.passwordMismatch', path: ['confirmPassword'] })

export const InviteAcceptSchema = z
	.object({ intent: z.literal('accept', { errorMap: () => ({ message: 'errors.invalid' }) }) })
	.strict('errors.invalid')

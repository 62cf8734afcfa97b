/**
 * Password length rules shared by the forms (client-safe) and the server (RELIABILITY R11):
 * at least 8 characters, at most 128, counted as Unicode code points after NFC, so 密码 counts
 * two and an emoji one. No composition rules; nothing is ever truncated.
 */
export const PASSWORD_MIN_CHARS = 8
export const PASSWORD_MAX_CHARS = 128

export function countPasswordChars(password: string): number {
	return [...password.normalize('NFC')].length
}

import { randomBytes } from 'node:crypto'

/** A fresh nonce per response: scripts run only when they carry it (CSP with 'strict-dynamic'). */
export function createCspNonce(): string {
	return randomBytes(16).toString('base64')
}

/**
 * Headers for every response (RELIABILITY R26): an enforced CSP with a per-request nonce, no
 * framing, no MIME sniffing, a strict referrer policy and HSTS in production. Development relaxes
 * only what Vite's dev server needs (its websocket and injected styles).
 */
export function securityHeaders(nonce: string, mode: 'production' | 'development' | 'test'): Record<string, string> {
	const dev = mode === 'development'
	const csp = [
		`default-src 'self'`,
		`script-src 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
		`style-src 'self'${dev ? ` 'unsafe-inline'` : ''}`,
		`style-src-attr 'unsafe-inline'`,
		`img-src 'self' data: blob:`,
		`font-src 'self'`,
		`connect-src 'self'${dev ? ' ws: wss:' : ''}`,
		`object-src 'none'`,
		`base-uri 'self'`,
		`form-action 'self'`,
		`frame-ancestors 'none'`,
	].join('; ')
	const headers: Record<string, string> = {
		'Content-Security-Policy': csp,
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'strict-origin-when-cross-origin',
		'X-Frame-Options': 'DENY',
		'Cross-Origin-Opener-Policy': 'same-origin',
		'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
	}
	if (mode === 'production') headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains'
	return headers
}

import { createContext, useContext, type ReactNode } from 'react'

/**
 * The CSP nonce of this response, handed from entry.server to <Scripts>/<ScrollRestoration>.
 * Kept out of loader data on purpose: a nonce must never be readable from JSON. In the browser it
 * is empty — scripts are already running by then.
 */
const NonceContext = createContext('')

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
	return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>
}

export function useNonce(): string {
	return useContext(NonceContext)
}

import type { Resource, ResourceLanguage } from 'i18next'

/**
 * Every message file under ./locales/<locale>/<namespace>.ts, found at build time (Vite glob), so
 * adding a namespace is adding two files — no registry to edit. The bundles are small enough to
 * ship whole to the browser: no HTTP backend, no loading flash on navigation.
 */
const modules = import.meta.glob<{ default: ResourceLanguage[string] }>('./locales/*/*.ts', { eager: true })

function collect(): { resources: Resource; namespaces: string[] } {
	const resources: Resource = {}
	const namespaces = new Set<string>()
	for (const [path, mod] of Object.entries(modules)) {
		const match = /\.\/locales\/([^/]+)\/([^/]+)\.ts$/.exec(path)
		if (!match) continue
		const [, lng, ns] = match
		if (!lng || !ns) continue
		const forLng = (resources[lng] ??= {})
		forLng[ns] = mod.default
		namespaces.add(ns)
	}
	return { resources, namespaces: [...namespaces].sort() }
}

const collected = collect()

export const resources: Resource = collected.resources
export const namespaces: string[] = collected.namespaces

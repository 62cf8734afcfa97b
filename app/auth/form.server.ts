import { parseWithZod } from '@conform-to/zod'
import type { ZodTypeAny } from 'zod'

// conform reserves these names for client-side intents (validate, reset, list edits) and parses
// them with JSON.parse, which throws on anything else — a 500 on a hand-made POST. Our forms
// use none of those intents, so the server drops both before parsing.
const CONFORM_RESERVED = ['__intent__', '__state__']

/** parseWithZod for actions: arbitrary form data gives a failed submission (400), never a throw. */
export function parseForm<Schema extends ZodTypeAny>(formData: FormData, schema: Schema) {
	for (const key of CONFORM_RESERVED) formData.delete(key)
	return parseWithZod(formData, { schema })
}

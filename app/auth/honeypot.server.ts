import { HONEYPOT_FIELD } from './honeypot-field.tsx'

/**
 * Public forms carry a field people never see (RELIABILITY R9); form-filling bots fill it.
 * A filled honeypot is answered with a bare 400 and nothing is written. The field is removed
 * from the form data afterwards, so the strict schemas never see it.
 */
export function checkHoneypot(formData: FormData): void {
	const values = formData.getAll(HONEYPOT_FIELD)
	formData.delete(HONEYPOT_FIELD)
	if (values.some((v) => typeof v !== 'string' || v.length > 0)) {
		throw new Response('Form not submitted properly 表单提交无效', {
			status: 400,
			headers: { 'Content-Type': 'text/plain; charset=utf-8' },
		})
	}
}

import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ZodTypeAny } from 'zod'
import { REASON_MAX } from '#app/models/admin.schema.ts'

/** What the admin actions return when they do not redirect: which row, which intent, conform's reply. */
export type ActionReply = {
	intent: string | null
	targetId: string | null
	result: SubmissionResult<string[]>
}

/** The reply meant for this row's form, if any. */
export function replyFor(
	reply: ActionReply | undefined,
	intent: string,
	id: number,
): SubmissionResult<string[]> | undefined {
	return reply && reply.intent === intent && reply.targetId === String(id) ? reply.result : undefined
}

const TONE = {
	primary: 'btn-primary',
	secondary: 'btn-secondary',
	danger: 'btn-secondary text-red-700',
} as const

function useBusy(intent: string, idName: string, id: number): boolean {
	const navigation = useNavigation()
	return (
		navigation.state === 'submitting' &&
		navigation.formData?.get('intent') === intent &&
		navigation.formData?.get(idName) === String(id)
	)
}

/** A one-button form: the row's id in a hidden field, the intent on the button. Works without JavaScript. */
export function ActionButton({
	intent,
	idName,
	id,
	label,
	accessibleLabel,
	tone = 'secondary',
}: {
	intent: string
	idName: string
	id: number
	label: string
	accessibleLabel?: string
	tone?: keyof typeof TONE
}) {
	const busy = useBusy(intent, idName, id)
	return (
		<Form method="post" className="inline">
			<input type="hidden" name={idName} value={id} />
			<button
				type="submit"
				name="intent"
				value={intent}
				aria-label={accessibleLabel}
				disabled={busy}
				className={`${TONE[tone]} px-3 py-1.5 text-sm disabled:opacity-60`}
			>
				{label}
			</button>
		</Form>
	)
}

/**
 * A button that opens a small form asking for a reason (required for rejections), validated in the
 * browser with the server's schema and shown again with the server's errors when JavaScript is off.
 */
export function ReasonForm({
	schema,
	intent,
	idName,
	id,
	label,
	submitLabel,
	accessibleLabel,
	required,
	lastResult,
	tone = 'danger',
	scope = 'row',
}: {
	schema: ZodTypeAny
	intent: string
	idName: string
	id: number
	label: string
	submitLabel: string
	accessibleLabel?: string
	required: boolean
	lastResult: SubmissionResult<string[]> | undefined
	tone?: keyof typeof TONE
	/** Tells apart two forms for the same record on one page (ids must be unique in the document). */
	scope?: string
}) {
	const { t } = useTranslation('admin')
	const busy = useBusy(intent, idName, id)
	const [form, fields] = useForm<{ reason: string }>({
		id: `${scope}-${intent}-${id}`,
		lastResult,
		shouldValidate: 'onSubmit',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
	})
	const errors = fields.reason.errors ?? []
	const formErrors = form.errors ?? []
	return (
		<details className="group inline-block align-top" open={errors.length > 0 || formErrors.length > 0}>
			<summary
				className={`${TONE[tone]} cursor-pointer list-none px-3 py-1.5 text-sm [&::-webkit-details-marker]:hidden`}
				aria-label={accessibleLabel}
			>
				{label}
			</summary>
			<Form
				method="post"
				{...getFormProps(form)}
				className="mt-2 w-72 max-w-[80vw] rounded-md border border-slate-200 bg-white p-3 shadow-lg"
			>
				{/* A hidden field, not the button's value: the browser-side validation sees it too. */}
				<input type="hidden" name="intent" value={intent} />
				<input type="hidden" name={idName} value={id} />
				<label htmlFor={fields.reason.id} className="block text-sm font-medium text-slate-800">
					{t(required ? 'actions.reason' : 'actions.reasonOptional')}
				</label>
				<textarea
					{...getTextareaProps(fields.reason, { ariaDescribedBy: fields.reason.descriptionId })}
					key={fields.reason.key}
					required={required}
					maxLength={REASON_MAX}
					rows={3}
					className="input mt-1 w-full"
					placeholder={t('actions.reasonPlaceholder')}
				/>
				<p id={fields.reason.descriptionId} className="mt-1 text-xs text-slate-600">
					{t('actions.reasonHint')}
				</p>
				<FieldErrors id={fields.reason.errorId} errors={[...errors, ...formErrors]} />
				<button type="submit" disabled={busy} className={`${TONE[tone]} mt-2 px-3 py-1.5 text-sm disabled:opacity-60`}>
					{submitLabel}
				</button>
			</Form>
		</details>
	)
}

/** Error keys of the admin namespace as a list announced with the field. */
export function FieldErrors({ id, errors }: { id?: string; errors: string[] }) {
	const { t } = useTranslation('admin')
	if (errors.length === 0) return null
	return (
		<ul id={id} className="mt-1 space-y-0.5 text-sm text-red-700">
			{errors.map((e) => (
				<li key={e}>{t(/^errors\.[A-Za-z]+$/.test(e) ? e : 'errors.invalid')}</li>
			))}
		</ul>
	)
}

/** A success or problem line at the top of an admin page. */
export function AdminNotice({ tone, children }: { tone: 'success' | 'error'; children: ReactNode }) {
	return (
		<div
			role={tone === 'error' ? 'alert' : 'status'}
			className={`rounded-md border px-4 py-3 text-sm ${
				tone === 'error' ? 'border-red-300 bg-red-50 text-red-800' : 'border-emerald-300 bg-emerald-50 text-emerald-900'
			}`}
		>
			{children}
		</div>
	)
}

/** The form-level problem of an action reply (not found, no longer in that status, yourself). */
export function ActionProblem({ reply }: { reply: ActionReply | undefined }) {
	const { t } = useTranslation('admin')
	const problems = reply?.result.error?.[''] ?? []
	if (problems.length === 0) return null
	return (
		<AdminNotice tone="error">
			{problems.map((p) => (
				<p key={p}>{t(/^errors\.[A-Za-z]+$/.test(p) ? p : 'errors.invalid')}</p>
			))}
		</AdminNotice>
	)
}

import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { parseForm } from '#app/auth/form.server.ts'
import { requireOrgUser, requireSameOrigin } from '#app/auth/permissions.server.ts'
import { linkMeta } from '#app/auth/request.server.ts'
import { FormAlert, Notice } from '#app/components/form/form-kit.tsx'
import { rateToInput } from '#app/components/leasing/format.ts'
import { ProgramForm } from '#app/components/leasing/program-form.tsx'
import { ProgramStatusBadge } from '#app/components/leasing/status-badge.tsx'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { ProgramActionSchema } from '#app/models/leasing.schema.ts'
import { changeProgramStatus, getProgramForOrg, updateProgram } from '#app/models/leasing.server.ts'

export const handle = { i18n: ['leasing'] }

function parseId(raw: string | undefined): number | null {
	if (!raw || !/^[1-9][0-9]{0,14}$/.test(raw)) return null
	const id = Number(raw)
	return Number.isSafeInteger(id) ? id : null
}

function notFound(): Response {
	return new Response(null, { status: 404, statusText: 'Not Found' })
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireOrgUser(request, context, { role: 'lessor', verified: true })
	const id = parseId(params.id)
	if (id == null) throw notFound()
	const program = await getProgramForOrg(context.db, user.organizationId, id)
	if (!program) throw notFound()
	return { program }
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
	const t = getFixedT(localeFromMatches(matches), 'leasing')
	return [{ title: t('meta.editProgram', { name: loaderData?.program.name ?? '' }) }]
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	requireSameOrigin(request)
	const user = await requireOrgUser(request, context, { role: 'lessor', verified: true })
	const id = parseId(params.id)
	if (id == null) throw notFound()
	const submission = parseForm(await request.formData(), ProgramActionSchema)
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const actor = { ...linkMeta(request, context), userId: user.id, orgId: user.organizationId }
	const value = submission.value
	let result: Awaited<ReturnType<typeof updateProgram>>
	if (value.intent === 'save') {
		const { intent: _intent, ...input } = value
		result = await updateProgram(context.db, actor, id, input)
	} else result = await changeProgramStatus(context.db, actor, id, value.intent)
	if (!result.ok) {
		if (result.kind === 'notFound') throw notFound()
		return data({ result: submission.reply({ formErrors: [result.message] }) }, { status: result.status })
	}
	return redirect(`/workspace/leasing/programs/${id}?done=${value.intent}`)
}

/** Which intent a failed submission came from (its echoed values). */
function savedIntent(result: { initialValue?: Record<string, unknown> | null }): unknown {
	return result.initialValue?.intent
}

export default function EditProgramPage() {
	const { program } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const { t } = useTranslation('leasing')
	const done = searchParams.get('done') ?? (searchParams.get('created') ? 'created' : null)
	const archived = program.status === 'archived'
	const defaults = {
		name: program.name,
		categories: program.categories,
		amountMin: String(program.amountMin),
		amountMax: String(program.amountMax),
		termMonthsMin: program.termMonthsMin == null ? '' : String(program.termMonthsMin),
		termMonthsMax: program.termMonthsMax == null ? '' : String(program.termMonthsMax),
		rateMinPct: rateToInput(program.rateMin),
		rateMaxPct: rateToInput(program.rateMax),
		downPaymentMinPct: rateToInput(program.downPaymentMin),
		structures: program.structures,
		serviceFeePct: rateToInput(program.serviceFeePct),
		depositPct: rateToInput(program.depositPct),
		industries: program.industries.join('、'),
		description: program.description ?? '',
	}
	return (
		<div className="mx-auto max-w-4xl px-4 py-6 sm:py-8">
			<p className="text-sm">
				<Link to="/workspace/leasing" className="link">
					{t('workspace.back')}
				</Link>
			</p>
			<div className="mt-2 flex flex-wrap items-center gap-3">
				<h1 className="break-anywhere text-2xl font-bold text-slate-900 sm:text-3xl">{program.name}</h1>
				<ProgramStatusBadge status={program.status} />
			</div>
			{done && ['created', 'save', 'pause', 'resume', 'archive'].includes(done) ? (
				<div className="mt-4">
					<Notice className="mb-5">{t(`programForm.done.${done}`)}</Notice>
				</div>
			) : null}
			{program.status === 'active' ? (
				<p className="mt-3 text-sm">
					<Link to={`/leasing/programs/${program.id}`} className="link">
						{t('programForm.viewPublic')}
					</Link>
				</p>
			) : null}

			<section className="card mt-5 p-5 sm:p-6" aria-labelledby="program-status">
				<h2 id="program-status" className="text-lg font-semibold text-slate-900">
					{t('programForm.statusHeading')}
				</h2>
				<p className="mt-1 text-sm text-slate-600">{t(`programForm.statusHint.${program.status}`)}</p>
				{!actionData?.result || savedIntent(actionData.result) === 'save' ? null : (
					<div className="mt-3">
						<FormAlert ns="leasing" className="mb-5" errors={actionData.result.error?.[''] ?? null} />
					</div>
				)}
				{archived ? null : (
					<div className="mt-3 flex flex-wrap gap-3">
						{program.status === 'active' ? (
							<Form method="post">
								<button type="submit" name="intent" value="pause" className="btn-secondary">
									{t('programForm.pause')}
								</button>
							</Form>
						) : (
							<Form method="post">
								<button type="submit" name="intent" value="resume" className="btn-secondary">
									{t('programForm.resume')}
								</button>
							</Form>
						)}
						<Form method="post">
							<button type="submit" name="intent" value="archive" className="btn-secondary text-red-800">
								{t('programForm.archive')}
							</button>
						</Form>
					</div>
				)}
			</section>

			{archived ? null : (
				<section className="card mt-5 p-5 sm:p-6" aria-labelledby="program-edit">
					<h2 id="program-edit" className="mb-4 text-lg font-semibold text-slate-900">
						{t('programForm.editHeading')}
					</h2>
					<ProgramForm
						id={`program-${program.id}`}
						lastResult={actionData && savedIntent(actionData.result) === 'save' ? actionData.result : null}
						defaultValue={defaults}
						submitLabel={t('programForm.save')}
						intent="save"
					/>
				</section>
			)}
		</div>
	)
}

import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData, type MetaFunction } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FitReasons } from '#app/components/leasing/fit-reasons.tsx'
import { formatFen, formatRate } from '#app/components/leasing/format.ts'
import { ProgramCard } from '#app/components/leasing/program-facts.tsx'
import { OfferStatusBadge, ProgramStatusBadge } from '#app/components/leasing/status-badge.tsx'
import { requireOrgUser } from '#app/auth/permissions.server.ts'
import { getFixedT, localeFromMatches } from '#app/i18n/translate.ts'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { getLessorWorkspace } from '#app/models/leasing.server.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'

export const handle = { i18n: ['leasing'] }

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireOrgUser(request, context, { role: 'lessor', verified: true })
	const workspace = await getLessorWorkspace(context, user.organizationId)
	return { orgName: user.organization.name, ...workspace }
}

export const meta: MetaFunction = ({ matches }) => [
	{ title: getFixedT(localeFromMatches(matches), 'leasing')('meta.workspace') },
]

export default function LeasingWorkspacePage() {
	const { orgName, programs, demands, offers } = useLoaderData<typeof loader>()
	const { t } = useTranslation('leasing')
	const locale = useAppLocale()
	const requested = demands.filter((d) => d.requested)
	const others = demands.filter((d) => !d.requested)
	return (
		<div className="mx-auto max-w-7xl px-4 py-6 sm:py-8">
			<div className="flex flex-wrap items-end justify-between gap-3">
				<div>
					<p className="text-sm text-slate-600">{orgName}</p>
					<h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('workspace.heading')}</h1>
				</div>
				<Link to="/workspace/leasing/programs/new" className="btn-primary">
					{t('workspace.newProgram')}
				</Link>
			</div>

			<section aria-labelledby="ws-demands" className="mt-8">
				<h2 id="ws-demands" className="text-xl font-semibold text-slate-900">
					{t('workspace.demandsHeading')}
				</h2>
				<p className="mt-1 text-sm text-slate-600">{t('workspace.demandsLead')}</p>
				{demands.length === 0 ? (
					<p className="card mt-3 p-5 text-slate-700">
						{programs.some((p) => p.status === 'active') ? t('workspace.noDemands') : t('workspace.noActivePrograms')}
					</p>
				) : (
					<ol className="mt-3 space-y-3">
						{[...requested, ...others].map((item) => (
							<li key={item.demand.id} className="card p-4 sm:p-5">
								<div className="flex flex-wrap items-start justify-between gap-3">
									<div className="min-w-0">
										<h3 className="break-anywhere text-lg font-semibold text-slate-900">
											<Link to={`/workspace/leasing/demands/${item.demand.id}`} className="link">
												{item.demand.title}
											</Link>
										</h3>
										<p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm text-slate-600">
											{item.demand.categoryKey ? (
												<span>
													{item.demand.categoryInferred
														? t('demand.inferredCategory', { category: categoryLabel(item.demand.categoryKey, locale) })
														: categoryLabel(item.demand.categoryKey, locale)}
												</span>
											) : null}
											<span>{t('demand.quantityValue', { count: item.demand.quantity })}</span>
											{item.demand.neededBy ? (
												<span>{t('demand.neededByValue', { date: item.demand.neededBy })}</span>
											) : null}
										</p>
									</div>
									<div className="flex flex-wrap items-center gap-2">
										{item.requested ? (
											<span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-sm font-medium text-amber-900">
												{t('workspace.requested')}
											</span>
										) : null}
										{item.myOffer ? <OfferStatusBadge status={item.myOffer.status} /> : null}
										{item.best ? (
											<span className="rounded-full bg-brand-50 px-2.5 py-0.5 text-sm font-medium text-brand-900">
												{t('workspace.score', { score: Math.round(item.best.score * 100) })}
											</span>
										) : null}
									</div>
								</div>
								{item.best ? (
									<div className="mt-3">
										<p className="text-sm text-slate-700">
											{t('workspace.bestProgram', { name: item.best.programName })}
										</p>
										<div className="mt-1">
											<FitReasons reasons={item.best.reasons} />
										</div>
									</div>
								) : null}
							</li>
						))}
					</ol>
				)}
			</section>

			<section aria-labelledby="ws-programs" className="mt-10">
				<h2 id="ws-programs" className="text-xl font-semibold text-slate-900">
					{t('workspace.programsHeading')}
				</h2>
				{programs.length === 0 ? (
					<p className="card mt-3 p-5 text-slate-700">
						{t('workspace.noPrograms')}{' '}
						<Link to="/workspace/leasing/programs/new" className="link">
							{t('workspace.newProgram')}
						</Link>
					</p>
				) : (
					<ul className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
						{programs.map((p) => (
							<li key={p.id}>
								<ProgramCard
									program={p}
									to={`/workspace/leasing/programs/${p.id}`}
									footer={<ProgramStatusBadge status={p.status} />}
								/>
							</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="ws-offers" className="mt-10">
				<h2 id="ws-offers" className="text-xl font-semibold text-slate-900">
					{t('workspace.offersHeading')}
				</h2>
				{offers.length === 0 ? (
					<p className="card mt-3 p-5 text-slate-700">{t('workspace.noOffers')}</p>
				) : (
					<div className="mt-3 overflow-x-auto rounded-md border border-slate-200 bg-white">
						<table className="min-w-full text-sm">
							<thead className="bg-slate-50 text-slate-700">
								<tr>
									<th scope="col" className="px-3 py-2 text-left font-medium">
										{t('workspace.offerDemand')}
									</th>
									<th scope="col" className="px-3 py-2 text-right font-medium">
										{t('offer.amountFinanced')}
									</th>
									<th scope="col" className="px-3 py-2 text-right font-medium">
										{t('offer.termMonths')}
									</th>
									<th scope="col" className="px-3 py-2 text-right font-medium">
										{t('offer.annualRate')}
									</th>
									<th scope="col" className="px-3 py-2 text-left font-medium">
										{t('offer.status')}
									</th>
								</tr>
							</thead>
							<tbody className="divide-y divide-slate-100">
								{offers.map((o) => (
									<tr key={o.id}>
										<td className="px-3 py-2">
											<Link to={`/workspace/leasing/demands/${o.demandId}`} className="link break-anywhere">
												{o.demandTitle}
											</Link>
										</td>
										<td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
											{formatFen(locale, o.amountFen)}
										</td>
										<td className="px-3 py-2 text-right tabular-nums">{o.termMonths}</td>
										<td className="px-3 py-2 text-right tabular-nums">{formatRate(o.annualRate)}</td>
										<td className="px-3 py-2">
											<OfferStatusBadge status={o.status} />
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				)}
			</section>
		</div>
	)
}

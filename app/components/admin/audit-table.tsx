import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { AdminAuditEvent } from '#app/models/admin.server.ts'
import { DateTime } from './date-time.tsx'

/** The label of an audit action ("organization.verify" → 认证通过企业), or the action itself. */
export function useAuditActionLabel(): (action: string) => string {
	const { t } = useTranslation('admin')
	return (action) => {
		const [head, tail] = action.split('.', 2)
		if (!head || !tail || !/^[a-z_]+$/.test(head) || !/^[a-z_]+$/.test(tail)) return action
		return t(`auditActions.${head}.${tail}`, { defaultValue: action })
	}
}

export function useObjectTypeLabel(): (type: string) => string {
	const { t } = useTranslation('admin')
	return (type) => (/^[a-z_]+$/.test(type) ? t(`objectTypes.${type}`, { defaultValue: type }) : type)
}

function ObjectCell({ event }: { event: AdminAuditEvent }) {
	const typeLabel = useObjectTypeLabel()
	const label = event.objectLabel ?? `#${event.objectId}`
	const href =
		event.objectType === 'organization' && event.objectLabel
			? `/admin/organizations/${event.objectId}`
			: event.objectType === 'user' && event.objectLabel
				? `/admin/users?q=${encodeURIComponent(event.objectLabel)}`
				: event.objectType === 'product' && event.objectLabel
					? `/admin/products?status=all&q=${encodeURIComponent(event.objectLabel)}`
					: null
	return (
		<>
			<span className="text-xs text-slate-600">{typeLabel(event.objectType)}</span>{' '}
			{href ? (
				<Link to={href} className="link break-anywhere">
					{label}
				</Link>
			) : (
				<span className="break-anywhere font-mono text-xs">{label}</span>
			)}
		</>
	)
}

function StatusChange({ from, to }: { from: string | null; to: string | null }) {
	const { t } = useTranslation('admin')
	if (!from && !to) return <span className="text-slate-500">—</span>
	const word = (s: string | null) => (s ? t(`status.any.${s}`, { defaultValue: s }) : '—')
	return (
		<span className="whitespace-nowrap">
			{word(from)} <span aria-hidden="true">→</span>
			<span className="sr-only">{t('audit.to')}</span> {word(to)}
		</span>
	)
}

/** Who did what to which object, from which status to which, when (UTC+8). */
export function AuditTable({ events, compact = false }: { events: AdminAuditEvent[]; compact?: boolean }) {
	const { t } = useTranslation('admin')
	const actionLabel = useAuditActionLabel()
	if (events.length === 0) return <p className="card p-4 text-slate-600">{t('audit.empty')}</p>
	return (
		<div className="card overflow-x-auto">
			<table className="w-full min-w-[48rem] text-left text-sm">
				<caption className="sr-only">{t('audit.caption')}</caption>
				<thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
					<tr>
						<th scope="col" className="px-3 py-2 font-medium">
							{t('audit.when')}
						</th>
						<th scope="col" className="px-3 py-2 font-medium">
							{t('audit.who')}
						</th>
						<th scope="col" className="px-3 py-2 font-medium">
							{t('audit.what')}
						</th>
						<th scope="col" className="px-3 py-2 font-medium">
							{t('audit.object')}
						</th>
						<th scope="col" className="px-3 py-2 font-medium">
							{t('audit.change')}
						</th>
						{compact ? null : (
							<th scope="col" className="px-3 py-2 font-medium">
								{t('audit.detail')}
							</th>
						)}
					</tr>
				</thead>
				<tbody className="divide-y divide-slate-100">
					{events.map((e) => (
						<tr key={e.id} className="align-top">
							<td className="px-3 py-2 whitespace-nowrap text-slate-700 tabular-nums">
								<DateTime iso={e.createdAt} />
							</td>
							<td className="px-3 py-2">
								{e.actor ? (
									<>
										<span className="break-anywhere text-slate-900">
											{e.actor.name ?? e.actor.login ?? `#${e.actor.id}`}
										</span>
										{e.actor.isAdmin ? (
											<span className="ml-1 rounded bg-brand-50 px-1 text-xs text-brand-800">
												{t('users.adminBadge')}
											</span>
										) : null}
									</>
								) : (
									<span className="text-slate-500">{t('audit.system')}</span>
								)}
							</td>
							<td className="px-3 py-2 text-slate-900">{actionLabel(e.action)}</td>
							<td className="px-3 py-2">
								<ObjectCell event={e} />
							</td>
							<td className="px-3 py-2 text-slate-700">
								<StatusChange from={e.fromStatus} to={e.toStatus} />
							</td>
							{compact ? null : (
								<td className="px-3 py-2 text-slate-700">
									{e.reason ? <p className="break-anywhere">{t('audit.reason', { reason: e.reason })}</p> : null}
									{e.ip ? <p className="font-mono text-xs text-slate-500">{e.ip}</p> : null}
								</td>
							)}
						</tr>
					))}
				</tbody>
			</table>
		</div>
	)
}

import { useTranslation } from 'react-i18next'
import { OrganizationActionSchema, organizationIntents, type OrganizationStatusKey } from '#app/models/admin.schema.ts'
import { ActionButton, ReasonForm, replyFor, type ActionReply } from './action-forms.tsx'

/** The buttons that apply to an organization in its current status (verify, reject, disable, enable). */
export function OrganizationActions({
	org,
	reply,
	scope,
}: {
	org: { id: number; name: string; status: OrganizationStatusKey }
	reply: ActionReply | undefined
	/** Where on the page (queue, list, detail): a pending organization appears in the queue and the list. */
	scope: string
}) {
	const { t } = useTranslation('admin')
	const intents = organizationIntents(org.status)
	if (intents.length === 0) return null
	return (
		<div className="flex flex-wrap items-start gap-2">
			{intents.map((intent) =>
				intent === 'reject' || intent === 'disable' ? (
					<ReasonForm
						key={intent}
						schema={OrganizationActionSchema}
						intent={intent}
						idName="organizationId"
						id={org.id}
						label={t(`actions.${intent}`)}
						submitLabel={t(`actions.${intent}Confirm`)}
						accessibleLabel={t(`actions.${intent}Label`, { name: org.name })}
						required={intent === 'reject'}
						lastResult={replyFor(reply, intent, org.id)}
						scope={scope}
					/>
				) : (
					<ActionButton
						key={intent}
						intent={intent}
						idName="organizationId"
						id={org.id}
						label={t(`actions.${intent}`)}
						accessibleLabel={t(`actions.${intent}Label`, { name: org.name })}
						tone={intent === 'approve' ? 'primary' : 'secondary'}
					/>
				),
			)}
		</div>
	)
}

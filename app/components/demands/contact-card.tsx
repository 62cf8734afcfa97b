import { useTranslation } from 'react-i18next'
import { displayName } from '#app/components/product-card.tsx'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import type { Contact } from '#app/models/inquiry.server.ts'

/** The other side's contact once revealed, or the rule that says when it will be. */
export function ContactCard({ contact, title }: { contact: Contact | null; title?: string }) {
	const { t } = useTranslation(['demands', 'common'])
	const locale = useAppLocale()
	if (!contact) return <p className="text-sm text-slate-600">{t('contact.hidden')}</p>
	const none = t('common:none')
	return (
		<div className="rounded-md border border-teal-700/30 bg-teal-50 p-3 text-sm">
			<p className="font-semibold text-slate-900">
				{title ?? displayName(locale, contact.orgName, contact.orgNameEn).primary}
			</p>
			<dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5">
				<dt className="text-slate-600">{t('contact.person')}</dt>
				<dd className="break-anywhere">{contact.person ?? none}</dd>
				<dt className="text-slate-600">{t('contact.phone')}</dt>
				<dd className="break-anywhere">
					{contact.phone ? (
						<a className="link" href={`tel:${contact.phone.replace(/[^0-9+]/g, '')}`}>
							{contact.phone}
						</a>
					) : (
						none
					)}
				</dd>
				<dt className="text-slate-600">{t('contact.email')}</dt>
				<dd className="break-anywhere">
					{contact.email ? (
						<a className="link" href={`mailto:${contact.email}`}>
							{contact.email}
						</a>
					) : (
						none
					)}
				</dd>
			</dl>
		</div>
	)
}

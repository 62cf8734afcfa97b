import { useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** A thin bar at the top while a navigation loads (JavaScript only; without it the browser shows its own). */
export function NavigationProgress() {
	const { t } = useTranslation()
	const navigation = useNavigation()
	const busy = navigation.state !== 'idle'
	return (
		<div
			role="status"
			aria-live="polite"
			className="pointer-events-none fixed inset-x-0 top-0 z-50 h-1 overflow-hidden"
		>
			{busy ? (
				<>
					<div className="h-full w-2/5 animate-progress bg-amber-400" />
					<span className="sr-only">{t('loading')}</span>
				</>
			) : null}
		</div>
	)
}

import { useAppLocale } from '#app/i18n/use-locale.ts'

/** A UTC timestamp in the zone's time (Asia/Shanghai), to the minute. */
export function DateTime({ iso, withTime = true }: { iso: string | null; withTime?: boolean }) {
	const locale = useAppLocale()
	if (!iso) return <span>—</span>
	const d = new Date(iso)
	if (Number.isNaN(d.getTime())) return <span>{iso}</span>
	const text = new Intl.DateTimeFormat(locale, {
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
		timeZone: 'Asia/Shanghai',
	}).format(d)
	return <time dateTime={iso}>{text}</time>
}

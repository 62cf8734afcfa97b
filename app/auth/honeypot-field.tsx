/** The honeypot's name: plausible enough that bots fill it, unused by any real form here. */
export const HONEYPOT_FIELD = 'homepage'

/**
 * Hidden from people (off-screen, aria-hidden, not focusable, no autofill) but present in the
 * markup for bots. Off-screen rather than display:none, which some bots skip.
 */
export function HoneypotField({ label }: { label: string }) {
	return (
		<div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
			<label htmlFor={`hp-${HONEYPOT_FIELD}`}>{label}</label>
			<input
				id={`hp-${HONEYPOT_FIELD}`}
				type="text"
				name={HONEYPOT_FIELD}
				tabIndex={-1}
				autoComplete="off"
				defaultValue=""
			/>
		</div>
	)
}

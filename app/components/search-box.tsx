import { Form } from '@remix-run/react'
import { useId } from 'react'

type Props = {
	action: string
	label: string
	placeholder: string
	submitLabel: string
	defaultValue?: string
	/** Other parameters to keep (current filters), as hidden fields. */
	hidden?: Array<[string, string]>
	size?: 'lg' | 'md'
	/** Hide the label visually (it stays for screen readers). */
	hideLabel?: boolean
}

/** A GET form: the search is in the URL, works without JavaScript, and can be shared. */
export function SearchBox({
	action,
	label,
	placeholder,
	submitLabel,
	defaultValue = '',
	hidden = [],
	size = 'md',
	hideLabel = true,
}: Props) {
	const id = useId()
	const big = size === 'lg'
	return (
		<Form method="get" action={action} role="search" className="w-full">
			<label htmlFor={id} className={hideLabel ? 'sr-only' : 'mb-1.5 block text-sm font-medium text-slate-800'}>
				{label}
			</label>
			<div className="flex w-full gap-2">
				<input
					id={id}
					type="search"
					name="q"
					defaultValue={defaultValue}
					// Remount when the URL's q changes, so back/forward show the right text.
					key={defaultValue}
					placeholder={placeholder}
					maxLength={200}
					enterKeyHint="search"
					className={`input min-w-0 flex-1 ${big ? 'py-3 text-base sm:text-lg' : ''}`}
				/>
				{hidden.map(([name, value], i) => (
					<input key={`${name}-${value}-${i}`} type="hidden" name={name} value={value} />
				))}
				<button type="submit" className={`btn-primary shrink-0 ${big ? 'px-6 text-base sm:text-lg' : ''}`}>
					<svg aria-hidden="true" viewBox="0 0 20 20" className="size-5 fill-none stroke-current stroke-2">
						<circle cx="9" cy="9" r="6" />
						<path d="m14 14 4 4" strokeLinecap="round" />
					</svg>
					<span>{submitLabel}</span>
				</button>
			</div>
		</Form>
	)
}

import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** A GET form of filters: the URL holds them, so every filtered view can be linked and paged. */
export function FilterForm({ children, resetTo }: { children: ReactNode; resetTo: string }) {
	const { t } = useTranslation('admin')
	return (
		<Form
			method="get"
			className="card flex flex-wrap items-end gap-3 p-4"
			role="search"
			aria-label={t('filters.label')}
		>
			{children}
			<div className="flex gap-2">
				<button type="submit" className="btn-primary px-4 py-2 text-sm">
					{t('filters.apply')}
				</button>
				<Link to={resetTo} className="btn-secondary px-4 py-2 text-sm">
					{t('filters.reset')}
				</Link>
			</div>
		</Form>
	)
}

export function SelectFilter({
	name,
	label,
	value,
	options,
}: {
	name: string
	label: string
	value: string
	options: ReadonlyArray<{ value: string; label: string }>
}) {
	return (
		<label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
			{label}
			<select name={name} defaultValue={value} className="input py-2 font-normal">
				{options.map((o) => (
					<option key={o.value} value={o.value}>
						{o.label}
					</option>
				))}
			</select>
		</label>
	)
}

export function TextFilter({
	name,
	label,
	value,
	placeholder,
	type = 'search',
	className = 'min-w-48 flex-1',
}: {
	name: string
	label: string
	value: string
	placeholder?: string
	type?: 'search' | 'date'
	className?: string
}) {
	return (
		<label className={`flex flex-col gap-1 text-sm font-medium text-slate-800 ${className}`}>
			{label}
			<input
				type={type}
				name={name}
				defaultValue={value}
				placeholder={placeholder}
				maxLength={type === 'search' ? 100 : undefined}
				className="input py-2 font-normal"
			/>
		</label>
	)
}

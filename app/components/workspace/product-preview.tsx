import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { EnergyGradeBadge } from '#app/components/energy-grade-badge.tsx'
import { PriceBand } from '#app/components/price-band.tsx'
import { useAppLocale } from '#app/i18n/use-locale.ts'
import { categoryLabel } from '#app/models/taxonomy.ts'
import type { ProductFormValues } from '#app/models/workspace-product.schema.ts'

type Previewable = ProductFormValues & { images: Array<{ id: number; url: string }> }

/** Roughly what the public page will show, for the owner before the product is published. */
export function ProductPreview({ product }: { product: Previewable }) {
	const { t } = useTranslation(['workspace', 'common', 'products'])
	const locale = useAppLocale()
	const none = t('preview.none')
	const grade =
		product.energyGrade === 1 || product.energyGrade === 2 || product.energyGrade === 3 ? product.energyGrade : null
	const facts: Array<[string, ReactNode]> = [
		[t('form.model'), product.model ?? none],
		[t('form.brand'), product.brand ?? none],
		[t('form.category'), categoryLabel(product.category, locale)],
		[t('form.kind'), t(`common:kind.${product.kind}`)],
		[t('form.energyGrade'), grade ? <EnergyGradeBadge grade={grade} /> : none],
		[t('form.leadTimeDays'), product.leadTimeDays != null ? t('common:days', { count: product.leadTimeDays }) : none],
		[t('form.certifications'), product.certifications.length ? product.certifications.join('、') : none],
		[t('form.tags'), product.tags.length ? product.tags.join('、') : none],
	]
	return (
		<div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
			<div className="min-w-0 space-y-6">
				<header className="card p-5 sm:p-6">
					<h2 className="break-anywhere text-2xl font-bold text-slate-900">{product.name}</h2>
					{product.nameEn ? (
						<p lang="en" className="break-anywhere mt-1 text-slate-600">
							{product.nameEn}
						</p>
					) : null}
					<p className="mt-4 text-2xl font-semibold text-red-800">
						<PriceBand min={product.priceMin} max={product.priceMax} />
					</p>
				</header>
				<section aria-labelledby="preview-facts" className="card p-5 sm:p-6">
					<h2 id="preview-facts" className="text-lg font-semibold text-slate-900">
						{t('preview.facts')}
					</h2>
					<dl className="mt-3 text-sm">
						{facts.map(([label, value]) => (
							<div
								key={label}
								className="grid grid-cols-[8rem_minmax(0,1fr)] gap-3 border-b border-slate-100 py-2.5 last:border-b-0"
							>
								<dt className="text-slate-600">{label}</dt>
								<dd className="break-anywhere text-slate-900">{value}</dd>
							</div>
						))}
					</dl>
				</section>
				{product.specs.length > 0 ? (
					<section aria-labelledby="preview-specs" className="card p-5 sm:p-6">
						<h2 id="preview-specs" className="text-lg font-semibold text-slate-900">
							{t('preview.specs')}
						</h2>
						<table className="mt-3 w-full border-collapse text-sm">
							<tbody>
								{product.specs.map(([key, value], i) => (
									<tr key={`${key}-${i}`}>
										<th
											scope="row"
											className="w-2/5 border border-slate-200 px-3 py-2 text-left font-normal text-slate-700"
										>
											{key}
										</th>
										<td className="break-anywhere border border-slate-200 px-3 py-2 text-slate-900">{value}</td>
									</tr>
								))}
							</tbody>
						</table>
					</section>
				) : null}
				{product.description ? (
					<section aria-labelledby="preview-description" className="card p-5 sm:p-6">
						<h2 id="preview-description" className="text-lg font-semibold text-slate-900">
							{t('preview.description')}
						</h2>
						<p className="mt-3 leading-relaxed whitespace-pre-line text-slate-800">{product.description}</p>
					</section>
				) : null}
			</div>
			<aside className="space-y-3">
				{product.images.length === 0 ? (
					<p className="card p-5 text-sm text-slate-600">{t('preview.noImages')}</p>
				) : (
					product.images.map((image, i) => (
						<img
							key={image.id}
							src={image.url}
							alt={t('images.alt', { name: product.name, n: i + 1 })}
							className="card aspect-[4/3] w-full object-contain"
						/>
					))
				)}
			</aside>
		</div>
	)
}

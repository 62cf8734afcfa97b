import { Form } from '@remix-run/react'
import { FieldErrors, FormAlert } from '#app/components/form/form-kit.tsx'
import { useTranslation } from 'react-i18next'

type Image = { id: number; url: string }

/**
 * The product's images with a delete button each, and a plain multipart upload form (works
 * without JavaScript). The server checks type, size and count again; `accept` only helps pick.
 */
export function ImageManager({
	action,
	images,
	max,
	productName,
	disabled,
	showReviewNote,
	errors,
}: {
	/** The product page's path, without the flash query. */
	action: string
	images: Image[]
	max: number
	productName: string
	disabled: boolean
	showReviewNote: boolean
	errors?: { form?: string[] | null; images?: string[] | null }
}) {
	const { t } = useTranslation('workspace')
	const full = images.length >= max
	return (
		<section aria-labelledby="images-heading" className="card p-5 sm:p-6">
			<h2 id="images-heading" className="text-lg font-semibold text-slate-900">
				{t('images.heading')}
			</h2>
			<p className="mt-1 text-sm text-slate-600">
				{t('images.hint', { max })} {t('images.count', { count: images.length, max })}
			</p>
			{images.length === 0 ? (
				<p className="mt-4 text-sm text-slate-600">{t('images.none')}</p>
			) : (
				<ul className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3">
					{images.map((image, i) => (
						<li key={image.id} className="overflow-hidden rounded-md border border-slate-200">
							<img
								src={image.url}
								alt={t('images.alt', { name: productName, n: i + 1 })}
								className="aspect-[4/3] w-full bg-slate-50 object-contain"
								loading="lazy"
							/>
							<Form method="post" action={action} className="border-t border-slate-200 p-2 text-right">
								<input type="hidden" name="imageId" value={image.id} />
								<button
									type="submit"
									name="intent"
									value="deleteImage"
									className="text-sm font-medium text-red-700 hover:underline"
									aria-label={t('images.deleteLabel', { n: i + 1 })}
								>
									{t('images.delete')}
								</button>
							</Form>
						</li>
					))}
				</ul>
			)}
			<div className="mt-4 space-y-3">
				<FormAlert ns="workspace" errors={errors?.form} />
				{full ? (
					<p className="text-sm text-slate-700">{t('images.full')}</p>
				) : disabled ? null : (
					<Form method="post" action={action} encType="multipart/form-data" className="space-y-3">
						<div>
							<label htmlFor="product-images" className="mb-1.5 block text-sm font-medium text-slate-800">
								{t('images.choose')}
							</label>
							<input
								id="product-images"
								type="file"
								name="images"
								multiple
								required
								accept="image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp"
								aria-invalid={errors?.images ? true : undefined}
								aria-describedby={errors?.images ? 'product-images-error' : undefined}
								className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:font-medium file:text-slate-800"
							/>
							<FieldErrors ns="workspace" id="product-images-error" errors={errors?.images} />
						</div>
						{showReviewNote ? <p className="text-sm text-amber-800">{t('images.reviewNote')}</p> : null}
						<button type="submit" name="intent" value="uploadImages" className="btn-secondary">
							{t('images.upload')}
						</button>
					</Form>
				)}
			</div>
		</section>
	)
}

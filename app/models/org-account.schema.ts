import { z } from 'zod'
import { IdentifierField, text } from './auth.schema.ts'
import { ORG_ROLES, ZONE_AREAS } from './taxonomy.ts'
import { normalizeUscc, usccProblem } from './uscc.ts'

/**
 * Client-safe schemas of organization registration and membership forms. Messages are keys of
 * the `auth` i18n namespace (see auth.schema.ts).
 */

/** TEDA's lead industries, offered as suggestions; the field stays free text. */
export const LEAD_INDUSTRIES = [
	'汽车及高端装备',
	'电子信息',
	'生物医药',
	'新能源新材料',
	'石油化工',
	'食品饮料',
	'现代服务业',
	'融资租赁',
] as const

const USCC_MESSAGES = { length: 'errors.usccLength', charset: 'errors.usccCharset', check: 'errors.usccCheck' } as const

// Stored as the standard writes it (half-width, upper case), so the unique index catches the
// same code typed twice in different ways.
const UsccField = text('errors.usccRequired')
	.max(60, 'errors.usccLength')
	.superRefine((value, ctx) => {
		const problem = usccProblem(value)
		if (problem) ctx.addIssue({ code: 'custom', message: USCC_MESSAGES[problem] })
	})
	.transform(normalizeUscc)

const optionalText = (max: number, tooLong: string) =>
	z
		.string({ invalid_type_error: 'errors.invalid' })
		.trim()
		.max(max, tooLong)
		.optional()
		.transform((v) => (v ? v : null))

// Mobile or landline with area code (022-6620xxxx): digits and the usual separators only.
const PHONE_RE = /^\+?[0-9][0-9\s\-()]{5,22}[0-9]$/

export const OrgRegistrationSchema = z
	.object({
		name: text('errors.orgNameRequired').trim().min(2, 'errors.orgNameTooShort').max(100, 'errors.orgNameTooLong'),
		nameEn: optionalText(200, 'errors.orgNameEnTooLong'),
		uscc: UsccField,
		roles: z
			.array(z.enum(ORG_ROLES, { errorMap: () => ({ message: 'errors.rolesInvalid' }) }), {
				required_error: 'errors.rolesRequired',
				invalid_type_error: 'errors.rolesInvalid',
			})
			.min(1, 'errors.rolesRequired')
			.max(ORG_ROLES.length, 'errors.rolesInvalid')
			.refine((roles) => new Set(roles).size === roles.length, 'errors.rolesInvalid'),
		inZone: z.boolean({ invalid_type_error: 'errors.invalid' }).optional().default(false),
		area: z.enum(ZONE_AREAS, { errorMap: () => ({ message: 'errors.areaInvalid' }) }).optional(),
		industry: optionalText(100, 'errors.industryTooLong'),
		contactPerson: text('errors.contactPersonRequired')
			.trim()
			.min(1, 'errors.contactPersonRequired')
			.max(50, 'errors.contactPersonTooLong'),
		contactPhone: text('errors.contactPhoneRequired')
			.trim()
			.max(30, 'errors.contactPhoneInvalid')
			.transform((v) => v.normalize('NFKC'))
			.refine((v) => PHONE_RE.test(v), 'errors.contactPhoneInvalid'),
	})
	.strict('errors.invalid')
	.superRefine((v, ctx) => {
		if (v.inZone && !v.area) ctx.addIssue({ code: 'custom', path: ['area'], message: 'errors.areaRequired' })
		if (!v.inZone && v.area) ctx.addIssue({ code: 'custom', path: ['area'], message: 'errors.areaOnlyInZone' })
	})

export type OrgRegistrationInput = z.infer<typeof OrgRegistrationSchema>

export const InviteMemberSchema = z
	.object({
		intent: z.literal('invite', { errorMap: () => ({ message: 'errors.invalid' }) }),
		identifier: IdentifierField,
	})
	.strict('errors.invalid')

// conform coerces the submitted string; "abc" becomes NaN and fails as invalid_type.
const IdField = z
	.number({ invalid_type_error: 'errors.invalid', required_error: 'errors.invalid' })
	.int('errors.invalid')
	.positive('errors.invalid')
	.max(Number.MAX_SAFE_INTEGER, 'errors.invalid')

export const RemoveMemberSchema = z
	.object({ intent: z.literal('remove', { errorMap: () => ({ message: 'errors.invalid' }) }), userId: IdField })
	.strict('errors.invalid')

export const RevokeInvitationSchema = z
	.object({ intent: z.literal('revoke', { errorMap: () => ({ message: 'errors.invalid' }) }), invitationId: IdField })
	.strict('errors.invalid')

/**
 * zod schemas for form fields shared by several actions. Built per request (functions), so
 * that the messages come out in the request's language.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { LOGIN_ID_PATTERN, NAME_MAX, normalizeLoginId, ORG_UNIT_NAME_MAX, ROLES, STAFF_RANKS } from '$lib/domain/staff-csv';
import { checkPasswordPolicy, PASSWORD_MAX, PASSWORD_MIN } from './auth/password';

const text = () => z.string({ error: m.v_required() });

export const displayNameField = () =>
	text()
		.trim()
		.min(1, { error: m.v_name_required() })
		.max(NAME_MAX, { error: m.v_too_long({ max: NAME_MAX }) });

export const loginIdField = () =>
	text()
		.transform(normalizeLoginId)
		.pipe(
			z
				.string()
				.min(1, { error: m.v_login_id_required() })
				.regex(LOGIN_ID_PATTERN, { error: m.v_login_id_format() })
		);

export const orgUnitNameField = (required: boolean) => {
	const base = z
		.string()
		.trim()
		.max(ORG_UNIT_NAME_MAX, { error: m.v_too_long({ max: ORG_UNIT_NAME_MAX }) });
	return required ? base.min(1, { error: m.v_department_required() }) : base.default('');
};

export const roleField = () => z.enum(ROLES, { error: m.v_role_invalid() });
export const rankField = () => z.enum(STAFF_RANKS, { error: m.v_rank_invalid() });

export const passwordField = () =>
	text().superRefine((value, ctx) => {
		const problem = checkPasswordPolicy(value);
		if (problem === 'too_short')
			ctx.addIssue({ code: 'custom', message: m.v_password_too_short({ min: PASSWORD_MIN }) });
		if (problem === 'too_long')
			ctx.addIssue({ code: 'custom', message: m.v_password_too_long({ max: PASSWORD_MAX }) });
	});

/** A new password typed twice: fields `password` and `passwordConfirm`. */
export const newPasswordSchema = <T extends z.ZodRawShape>(extra: T) =>
	z
		.object({ ...extra, password: passwordField(), passwordConfirm: z.string().default('') })
		.refine(
			(v) => {
				const typed = v as unknown as { password: string; passwordConfirm: string };
				return typed.password === typed.passwordConfirm;
			},
			{ path: ['passwordConfirm'], error: m.v_password_mismatch() }
		);

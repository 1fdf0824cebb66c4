/**
 * Sign-in with login id and password. A new random session token at every sign-in. Failures
 * are throttled (src/lib/server/auth/throttle.ts) and answered with one generic message, so the
 * page never tells whether a login id exists; unknown ids are verified against a dummy hash.
 */
import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { config } from '$lib/server/config';
import { log } from '$lib/server/log';
import { appDb } from '$lib/server/db/instance';
import { dummyPasswordHash, verifyPassword } from '$lib/server/auth/password';
import { invalidateSession, sessionPolicyFromConfig } from '$lib/server/auth/session';
import { isSecureUrl, startSession } from '$lib/server/auth/cookies';
import {
	checkLoginThrottle,
	pruneLoginAttempts,
	recordLoginFailure,
	recordLoginSuccess
} from '$lib/server/auth/throttle';
import { findUserByLoginId } from '$lib/server/repositories/users';
import { normalizeLoginId } from '$lib/domain/staff-csv';
import { safeRedirectPath } from '$lib/server/redirect';
import { failure, invalid, parseForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo };
};

const loginSchema = () =>
	z.object({
		loginId: z
			.string({ error: m.v_login_id_required() })
			.transform(normalizeLoginId)
			.pipe(z.string().min(1, { error: m.v_login_id_required() }).max(200)),
		password: z
			.string({ error: m.v_password_required() })
			.min(1, { error: m.v_password_required() })
			.max(1024),
		redirectTo: z.string().optional()
	});

export const actions: Actions = {
	default: async ({ request, cookies, url, locals, getClientAddress }) => {
		const db = appDb();
		const parsed = parseForm(loginSchema(), await request.formData());
		if (!parsed.ok) return invalid('login', m.form_fix_errors(), parsed.fieldErrors, parsed.values);
		const { loginId, password } = parsed.data;
		const redirectTo = safeRedirectPath(parsed.data.redirectTo);
		const ip = getClientAddress();
		const subject = { loginId, ip };
		const values = { loginId, redirectTo };

		const throttle = await checkLoginThrottle(db, subject);
		if (!throttle.allowed) {
			const seconds = Math.max(1, Math.ceil(throttle.retryAfterMs / 1000));
			log.warn('auth.login_throttled', { loginId, ip, reason: throttle.reason, seconds });
			return failure(429, 'login', m.auth_login_throttled({ seconds }), {}, values);
		}

		const user = await findUserByLoginId(db, loginId);
		// Always run one argon2 verification, so the answer takes as long for unknown ids.
		const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
		if (!user || !user.passwordHash || !passwordOk) {
			await recordLoginFailure(db, subject);
			log.info('auth.login_failed', {
				loginId,
				ip,
				reason: !user ? 'unknown_login_id' : !user.passwordHash ? 'no_password_yet' : 'wrong_password'
			});
			return invalid('login', m.auth_login_failed(), {}, values);
		}
		if (!user.active) {
			// The password was right, so saying why is no leak; the owner needs to know.
			log.info('auth.login_failed', { loginId, ip, userId: user.id, reason: 'inactive' });
			return invalid('login', m.auth_login_inactive(), {}, values);
		}

		if (locals.session) await invalidateSession(db, locals.session.id);
		await recordLoginSuccess(db, subject);
		await pruneLoginAttempts(db);
		await startSession(db, cookies, user.id, sessionPolicyFromConfig(config()), isSecureUrl(url));
		log.info('auth.login', { userId: user.id, loginId, ip });
		redirect(303, redirectTo);
	}
};

/**
 * /account: the signed-in user's own account. Changing the password needs the current one,
 * ends every other session of the user (their other browsers and websockets) and issues a new
 * session token for this browser.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { config } from '$lib/server/config';
import { log } from '$lib/server/log';
import { appDb } from '$lib/server/db/instance';
import { requireUser } from '$lib/server/authz';
import { hashPassword, verifyPassword } from '$lib/server/auth/password';
import { sessionPolicyFromConfig } from '$lib/server/auth/session';
import { isSecureUrl, startSession } from '$lib/server/auth/cookies';
import { checkLoginThrottle, recordLoginFailure } from '$lib/server/auth/throttle';
import { deleteUserSessions, findUserById, setUserPassword } from '$lib/server/repositories/users';
import { failure, invalid, parseForm } from '$lib/server/forms';
import { newPasswordSchema } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { account: { displayName: user.displayName, loginId: user.loginId, isAdmin: user.isAdmin } };
};

export const actions: Actions = {
	changePassword: async ({ locals, request, cookies, url, getClientAddress }) => {
		const me = requireUser(locals);
		const db = appDb();
		const parsed = parseForm(
			newPasswordSchema({
				currentPassword: z
					.string({ error: m.v_password_required() })
					.min(1, { error: m.v_current_password_required() })
			}),
			await request.formData()
		);
		if (!parsed.ok) return invalid('changePassword', m.form_fix_errors(), parsed.fieldErrors);

		const subject = { loginId: me.loginId, ip: getClientAddress() };
		const throttle = await checkLoginThrottle(db, subject);
		if (!throttle.allowed) {
			const seconds = Math.max(1, Math.ceil(throttle.retryAfterMs / 1000));
			return failure(429, 'changePassword', m.auth_login_throttled({ seconds }), {});
		}
		const user = await findUserById(db, me.id);
		if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
			await recordLoginFailure(db, subject);
			log.info('auth.password_change_failed', { userId: me.id, reason: 'wrong_current_password' });
			return invalid('changePassword', m.form_fix_errors(), {
				currentPassword: [m.account_current_password_wrong()]
			});
		}

		await setUserPassword(db, me.id, await hashPassword(parsed.data.password));
		await deleteUserSessions(db, me.id);
		await startSession(db, cookies, me.id, sessionPolicyFromConfig(config()), isSecureUrl(url));
		log.info('auth.password_changed', { userId: me.id });
		return { action: 'changePassword', success: true, message: m.account_password_changed() };
	}
};

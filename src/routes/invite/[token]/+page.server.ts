/**
 * /invite/<token>: a new user (or one whose administrator issued a new link) sets a password.
 * The link works once and for 7 days; using it ends the user's other sessions and signs in.
 */
import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { config } from '$lib/server/config';
import { log } from '$lib/server/log';
import { appDb } from '$lib/server/db/instance';
import { hashPassword } from '$lib/server/auth/password';
import { invalidateSession, sessionPolicyFromConfig } from '$lib/server/auth/session';
import { isSecureUrl, startSession } from '$lib/server/auth/cookies';
import { recordLoginSuccess } from '$lib/server/auth/throttle';
import { findPendingInvitation, markInvitationUsed } from '$lib/server/repositories/invitations';
import { deleteUserSessions, setUserPassword } from '$lib/server/repositories/users';
import { failure, invalid, parseForm } from '$lib/server/forms';
import { newPasswordSchema } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const invitation = await findPendingInvitation(appDb(), params.token);
	return {
		invitation: invitation
			? {
					displayName: invitation.displayName,
					loginId: invitation.loginId,
					expiresAt: invitation.expiresAt
				}
			: null
	};
};

export const actions: Actions = {
	default: async ({ params, request, cookies, url, locals, getClientAddress }) => {
		const db = appDb();
		const invitation = await findPendingInvitation(db, params.token);
		if (!invitation) {
			return failure(410, 'invite', m.invite_invalid(), {});
		}
		const parsed = parseForm(newPasswordSchema({}), await request.formData());
		if (!parsed.ok) return invalid('invite', m.form_fix_errors(), parsed.fieldErrors);
		const passwordHash = await hashPassword(parsed.data.password);

		const accepted = await db.transaction().execute(async (trx) => {
			if (!(await markInvitationUsed(trx, invitation.id))) return false;
			// Any other link issued for this user stops working too.
			await trx
				.updateTable('invitation')
				.set({ used_at: Date.now() })
				.where('user_id', '=', invitation.userId)
				.where('used_at', 'is', null)
				.execute();
			await setUserPassword(trx, invitation.userId, passwordHash);
			await deleteUserSessions(trx, invitation.userId);
			return true;
		});
		if (!accepted) {
			return failure(410, 'invite', m.invite_invalid(), {});
		}

		const ip = getClientAddress();
		// Whoever was signed in in this browser before is signed out.
		if (locals.session) await invalidateSession(db, locals.session.id);
		await startSession(db, cookies, invitation.userId, sessionPolicyFromConfig(config()), isSecureUrl(url));
		await recordLoginSuccess(db, { loginId: invitation.loginId, ip });
		log.info('auth.invitation_accepted', { userId: invitation.userId, ip });
		log.info('auth.login', { userId: invitation.userId, ip, via: 'invitation' });
		redirect(303, '/?welcome=1');
	}
};

/**
 * First run: creates the installation administrator when no account exists yet, and signs
 * them in. Closed (redirect) as soon as any account exists; there are no default accounts.
 */
import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { config } from '$lib/server/config';
import { log } from '$lib/server/log';
import { appDb } from '$lib/server/db/instance';
import { hashPassword } from '$lib/server/auth/password';
import { sessionPolicyFromConfig } from '$lib/server/auth/session';
import { isSecureUrl, startSession } from '$lib/server/auth/cookies';
import { recordLoginSuccess } from '$lib/server/auth/throttle';
import { createUser, hasAnyUser } from '$lib/server/repositories/users';
import { invalid, parseForm } from '$lib/server/forms';
import { displayNameField, loginIdField, newPasswordSchema } from '$lib/server/validation';
import type { Actions, PageServerLoad } from './$types';

function closed(signedIn: boolean): never {
	redirect(303, signedIn ? '/' : '/login');
}

export const load: PageServerLoad = async ({ locals }) => {
	if (await hasAnyUser(appDb())) closed(locals.user !== null);
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals, getClientAddress }) => {
		const db = appDb();
		if (await hasAnyUser(db)) closed(locals.user !== null);

		const parsed = parseForm(
			newPasswordSchema({ displayName: displayNameField(), loginId: loginIdField() }),
			await request.formData()
		);
		if (!parsed.ok) {
			return invalid('setup', m.form_fix_errors(), parsed.fieldErrors, parsed.values);
		}
		const { displayName, loginId, password } = parsed.data;
		const passwordHash = await hashPassword(password);

		// Check and insert in one transaction so that two first-run posts cannot both succeed.
		const admin = await db.transaction().execute(async (trx) => {
			if (await hasAnyUser(trx)) return null;
			return createUser(trx, { loginId, displayName, passwordHash, isAdmin: true });
		});
		if (!admin) closed(false);

		const ip = getClientAddress();
		await startSession(db, cookies, admin.id, sessionPolicyFromConfig(config()), isSecureUrl(url));
		await recordLoginSuccess(db, { loginId, ip });
		log.info('auth.setup_admin_created', { userId: admin.id, loginId, ip });
		log.info('auth.login', { userId: admin.id, ip, via: 'setup' });
		redirect(303, '/');
	}
};

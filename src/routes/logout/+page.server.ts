/**
 * POST /logout ends the session on the server (the websocket server notices within seconds),
 * deletes the cookie and goes to the login page. GET only shows a confirmation button.
 */
import { redirect } from '@sveltejs/kit';
import { log } from '$lib/server/log';
import { appDb } from '$lib/server/db/instance';
import { invalidateSession } from '$lib/server/auth/session';
import { deleteSessionCookie, isSecureUrl } from '$lib/server/auth/cookies';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/login');
	return {};
};

export const actions: Actions = {
	default: async ({ locals, cookies, url, getClientAddress }) => {
		if (locals.session) {
			await invalidateSession(appDb(), locals.session.id);
			log.info('auth.logout', { userId: locals.user?.id, ip: getClientAddress() });
		}
		deleteSessionCookie(cookies, isSecureUrl(url));
		redirect(303, '/login');
	}
};

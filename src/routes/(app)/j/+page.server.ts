/**
 * Joining a board by the short code the projector shows (/j): staff sign in on their laptops and
 * type the code; the code is looked up among the boards they may open, so a code never reveals
 * another workspace's board. The board page itself authorises as always.
 */
import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/authz';
import { boardAddressForCode } from '$lib/server/facilitation/board-join';
import { normaliseJoinCode } from '$lib/domain/join-code';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireUser(locals, url);
	// /j/<code> that matched nothing comes back here with what was typed
	return { code: (url.searchParams.get('code') ?? '').slice(0, 40), notFound: url.searchParams.has('notFound') };
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const user = requireUser(locals);
		const typed = String((await request.formData()).get('code') ?? '').slice(0, 40);
		const code = normaliseJoinCode(typed);
		if (!code) return fail(400, { code: typed, message: m.join_code_malformed() });
		const target = await boardAddressForCode(user, code);
		if (!target) return fail(404, { code: typed, message: m.join_code_not_found() });
		redirect(303, target);
	}
};

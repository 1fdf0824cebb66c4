/** The short path /j/<code>: the same lookup as the form at /j, for a code typed into the address bar. */
import { redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/authz';
import { normaliseJoinCode } from '$lib/domain/join-code';
import { boardAddressForCode } from '$lib/server/facilitation/board-join';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const user = requireUser(locals, url);
	const code = normaliseJoinCode(params.code);
	const target = code ? await boardAddressForCode(user, code) : null;
	if (target) redirect(303, target);
	redirect(303, `/j?code=${encodeURIComponent(params.code.slice(0, 40))}&notFound=1`);
};

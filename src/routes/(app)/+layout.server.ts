/** Everything in (app) needs a signed-in user; actions check again (layout loads do not run for them). */
import { requireUser } from '$lib/server/authz';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => {
	requireUser(locals, url);
	return {};
};

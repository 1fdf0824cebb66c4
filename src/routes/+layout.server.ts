import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user
		? { id: locals.user.id, displayName: locals.user.displayName, isAdmin: locals.user.isAdmin }
		: null
});

/** POST /locale — switches the interface language (a cookie Paraglide reads) and goes back. */
import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import { isSecureUrl } from '$lib/server/auth/cookies';
import { safeRedirectPath } from '$lib/server/redirect';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const data = await request.formData();
	const locale = data.get('locale');
	if (typeof locale !== 'string' || !isLocale(locale)) error(400, { message: m.error_bad_request() });
	cookies.set(cookieName, locale, {
		path: '/',
		maxAge: cookieMaxAge,
		httpOnly: false,
		sameSite: 'lax',
		secure: isSecureUrl(url)
	});
	redirect(303, safeRedirectPath(data.get('redirectTo')));
};

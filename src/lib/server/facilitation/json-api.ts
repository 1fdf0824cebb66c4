/** Small helpers for the facilitation JSON APIs: zod-validated bodies and refusals as JSON. */
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { ID_PATTERN } from '../ids';
import type { VoteRefusal } from './dot-votes';

export type BodyResult<T> = { ok: true; data: T } | { ok: false; response: Response };

/** Parses a JSON body against `schema`; a 400 `{ code: 'bad_request', message, issues }` otherwise. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<BodyResult<z.output<S>>> {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return { ok: false, response: json({ code: 'bad_request', message: m.error_bad_request() }, { status: 400 }) };
	}
	const result = schema.safeParse(body);
	if (result.success) return { ok: true, data: result.data };
	return {
		ok: false,
		response: json(
			{
				code: 'bad_request',
				message: m.error_bad_request(),
				fieldErrors: z.flattenError(result.error).fieldErrors
			},
			{ status: 400 }
		)
	};
}

export function refusalResponse(refusal: VoteRefusal): Response {
	const { status, code, message, problems } = refusal;
	return json({ code, message, ...(problems ? { problems } : {}) }, { status });
}

/** A vote id from the path, or a 404 answer. */
export function voteIdOr404(voteId: string): Response | null {
	return ID_PATTERN.test(voteId) ? null : json({ code: 'vote_not_found', message: m.fac_vote_not_found() }, { status: 404 });
}

export const NO_STORE = { 'cache-control': 'no-store' };

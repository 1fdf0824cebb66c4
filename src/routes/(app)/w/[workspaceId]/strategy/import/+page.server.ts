/**
 * Import of idea sheets into a board, in two steps. `preview` reads the uploaded files — an idea
 * workbook in the town's form (.xlsx: the ideas export, or a clerk's filled copy of the town's own
 * workbook) or an ideas CSV (UTF-8 or Shift_JIS) with an optional idea-KPI CSV — and answers the
 * ideas, a per-row problem report and notes on what it read around; nothing is written. A
 * workbook in no known layout gets a message naming the layouts read and a link to the form.
 * Confirming happens in the browser: it opens the chosen board live (LiveDocument) and adds the
 * sheets there, so they reach everyone like any other edit (the HTTP side never edits a live room).
 * The files are parsed in the upload worker pool, never on the event loop (server/uploads).
 */
import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { FACILITATOR_ROLES, requireMembership } from '$lib/server/authz';
import { appDb } from '$lib/server/db/instance';
import { log } from '$lib/server/log';
import { listWorkshops } from '$lib/server/repositories/workshops';
import { parseUpload } from '$lib/server/uploads/upload-pool';
import { uploadRefusalMessage } from '$lib/server/uploads/refusal-message';
import type { Actions, PageServerLoad } from './$types';

const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;

export const load: PageServerLoad = async ({ locals, params }) => {
	const { workspace, user } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
	const workshops = await listWorkshops(appDb(), workspace.id);
	return {
		user: { id: user.id, displayName: user.displayName },
		boards: workshops.flatMap((w) =>
			w.sessions.flatMap((s) => s.groups.map((g) => ({ documentId: g.documentId, label: `${w.title} ／ ${s.name} ／ ${g.name}` })))
		),
		maxBytes: MAX_IMPORT_FILE_BYTES
	};
};

export const actions: Actions = {
	preview: async ({ locals, params, request }) => {
		const { workspace, user } = await requireMembership(locals, params.workspaceId, FACILITATOR_ROLES);
		// the body goes to the upload worker whole: even reading the form's parts costs the event
		// loop tens of milliseconds for a 5 MB file (server/uploads/upload-form.ts)
		const contentType = request.headers.get('content-type') ?? '';
		if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
			return fail(400, { action: 'preview', message: m.strat_import_no_file(), issues: [], ideas: [] });
		}
		const body = new Uint8Array(await request.arrayBuffer());
		const outcome = await parseUpload('ideas-form', { body, contentType, maxFileBytes: MAX_IMPORT_FILE_BYTES });
		if (!outcome.ok) {
			log.info('strategy.import_refused', { workspaceId: workspace.id, userId: user.id, limit: outcome.refusal.limit });
			return fail(400, { action: 'preview', message: uploadRefusalMessage(outcome.refusal), issues: [], ideas: [] });
		}
		const read = outcome.value;
		if (read.kind === 'no_file') return fail(400, { action: 'preview', message: m.strat_import_no_file(), issues: [], ideas: [] });
		if (read.kind === 'too_large') {
			return fail(400, { action: 'preview', message: m.strat_import_too_large({ mb: 5 }), issues: [], ideas: [] });
		}
		if (read.kind === 'bad_type') return fail(400, { action: 'preview', message: m.strat_import_bad_type(), issues: [], ideas: [] });
		const name = read.fileName;
		const result = read.result;
		log.info('strategy.import_previewed', {
			workspaceId: workspace.id,
			userId: user.id,
			ideas: result.ideas.length,
			issues: result.issues.length
		});
		const notes = result.notes ?? [];
		if (result.issues.some((i) => i.problem === 'unrecognised')) {
			// say which layouts are read, and offer the form to fill in
			return fail(400, { action: 'preview', message: m.strat_import_unrecognised(), offerTemplate: true, issues: result.issues, ideas: [], notes });
		}
		if (result.issues.length > 0) {
			return fail(400, {
				action: 'preview',
				message: m.strat_import_has_issues({ count: result.issues.length }),
				issues: result.issues,
				ideas: result.ideas,
				notes
			});
		}
		return { action: 'preview', success: true, fileName: name, ideas: result.ideas, issues: [], notes };
	}
};

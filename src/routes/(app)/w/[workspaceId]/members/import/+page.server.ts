/**
 * Bulk import of staff from a CSV file, in two steps: `preview` reads the file and shows every
 * row with what will happen to it, or a report of every problem (row, column, message);
 * `import` re-validates the same text and writes everything in one transaction — nothing at
 * all when any row is wrong. New users get invitation links, shown once with a CSV of them.
 */
import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { log } from '$lib/server/log';
import { appDb } from '$lib/server/db/instance';
import type { Db } from '$lib/server/db';
import { requireMembership, STAFF_ADMIN_ROLES, type WorkspaceAccess } from '$lib/server/authz';
import { findMembership, upsertMembership } from '$lib/server/repositories/memberships';
import { ensureOrgUnitFor } from '$lib/server/repositories/org-units';
import { issueInvitation } from '$lib/server/repositories/invitations';
import { createUser, findUsersByLoginIds } from '$lib/server/repositories/users';
import {
	decodeCsvBytes,
	invitationLinksCsv,
	MAX_IMPORT_BYTES,
	type StaffCsvIssue,
	type StaffCsvRow
} from '$lib/domain/staff-csv';
import { parseStaffCsvInWorker } from './parse-staff-csv';
import type { PageServerLoad, Actions } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	await requireMembership(locals, params.workspaceId, STAFF_ADMIN_ROLES);
	return { maxBytes: MAX_IMPORT_BYTES };
};

/** What importing a row will do. */
type RowPlan = 'create' | 'add_existing' | 'update';

interface PlannedRow extends StaffCsvRow {
	plan: RowPlan;
	/** For existing users: the name on their account (kept as it is). */
	existingName: string | null;
}

/** The file's rows checked against the database; problems the CSV alone cannot show are added. */
async function planImport(
	db: Db,
	access: WorkspaceAccess,
	text: string
): Promise<{ rows: PlannedRow[]; issues: StaffCsvIssue[]; rowCount: number }> {
	const parsed = await parseStaffCsvInWorker(text);
	const issues = [...parsed.issues];
	const existing = await findUsersByLoginIds(
		db,
		parsed.rows.map((r) => r.loginId)
	);
	const rows: PlannedRow[] = [];
	for (const row of parsed.rows) {
		const user = existing.get(row.loginId);
		if (!user) {
			rows.push({ ...row, plan: 'create', existingName: null });
			continue;
		}
		const membership = await findMembership(db, access.workspace.id, user.id);
		if (user.id === access.user.id && membership && membership.role !== row.role) {
			issues.push({ row: row.row, column: 'role', problem: 'self_role_change' });
			continue;
		}
		rows.push({ ...row, plan: membership ? 'update' : 'add_existing', existingName: user.displayName });
	}
	issues.sort((a, b) => a.row - b.row);
	return { rows, issues, rowCount: parsed.rowCount };
}

function reportFailure(
	action: 'preview' | 'import',
	message: string,
	extra: { issues?: StaffCsvIssue[]; rowCount?: number; fileName?: string } = {}
) {
	return fail(400, {
		action,
		message,
		issues: extra.issues ?? [],
		rowCount: extra.rowCount ?? 0,
		fileName: extra.fileName ?? ''
	});
}

export const actions: Actions = {
	preview: async ({ locals, params, request }) => {
		const access = await requireMembership(locals, params.workspaceId, STAFF_ADMIN_ROLES);
		const data = await request.formData();
		const file = data.get('file');
		if (!(file instanceof File) || file.size === 0) {
			return reportFailure('preview', m.import_choose_file());
		}
		if (file.size > MAX_IMPORT_BYTES) {
			return reportFailure('preview', m.import_file_too_large({ kb: Math.round(MAX_IMPORT_BYTES / 1024) }), {
				fileName: file.name
			});
		}
		const text = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
		const plan = await planImport(appDb(), access, text);
		if (plan.issues.length > 0) {
			log.info('member.import_rejected', {
				workspaceId: access.workspace.id,
				userId: access.user.id,
				rows: plan.rowCount,
				issues: plan.issues.length,
				step: 'preview'
			});
			return reportFailure('preview', m.import_has_errors({ count: plan.issues.length }), {
				issues: plan.issues,
				rowCount: plan.rowCount,
				fileName: file.name
			});
		}
		return {
			action: 'preview' as const,
			fileName: file.name,
			text,
			rows: plan.rows,
			rowCount: plan.rowCount
		};
	},

	import: async ({ locals, params, request, url }) => {
		const access = await requireMembership(locals, params.workspaceId, STAFF_ADMIN_ROLES);
		const data = await request.formData();
		const text = data.get('text');
		const fileName = String(data.get('fileName') ?? '');
		if (typeof text !== 'string' || text.length === 0) {
			return reportFailure('import', m.import_choose_file());
		}
		if (new TextEncoder().encode(text).length > MAX_IMPORT_BYTES) {
			return reportFailure('import', m.import_file_too_large({ kb: Math.round(MAX_IMPORT_BYTES / 1024) }));
		}
		const db = appDb();
		const workspaceId = access.workspace.id;

		type Outcome =
			| { ok: false; issues: StaffCsvIssue[]; rowCount: number }
			| {
					ok: true;
					counts: Record<RowPlan, number>;
					links: Array<{ name: string; loginId: string; url: string }>;
			  };

		// Plan and write in one transaction: what was checked is what gets written.
		const outcome: Outcome = await db.transaction().execute(async (trx): Promise<Outcome> => {
			const plan = await planImport(trx, access, text);
			if (plan.issues.length > 0) return { ok: false, issues: plan.issues, rowCount: plan.rowCount };
			const counts: Record<RowPlan, number> = { create: 0, add_existing: 0, update: 0 };
			const links: Array<{ name: string; loginId: string; url: string }> = [];
			const existing = await findUsersByLoginIds(
				trx,
				plan.rows.map((r) => r.loginId)
			);
			for (const row of plan.rows) {
				const user =
					existing.get(row.loginId) ??
					(await createUser(trx, { loginId: row.loginId, displayName: row.name }));
				const unit = await ensureOrgUnitFor(trx, workspaceId, row.department, row.section);
				await upsertMembership(trx, {
					workspaceId,
					userId: user.id,
					role: row.role,
					rank: row.rank,
					orgUnitId: unit.id
				});
				counts[row.plan]++;
				if (!user.passwordHash && user.active) {
					const invitation = await issueInvitation(trx, user.id, access.user.id);
					links.push({
						name: user.displayName,
						loginId: user.loginId,
						url: `${url.origin}/invite/${invitation.token}`
					});
				}
			}
			return { ok: true, counts, links };
		});

		if (!outcome.ok) {
			log.info('member.import_rejected', {
				workspaceId,
				userId: access.user.id,
				rows: outcome.rowCount,
				issues: outcome.issues.length,
				step: 'import'
			});
			return reportFailure('import', m.import_has_errors({ count: outcome.issues.length }), {
				issues: outcome.issues,
				rowCount: outcome.rowCount,
				fileName
			});
		}
		log.info('member.imported', {
			workspaceId,
			userId: access.user.id,
			created: outcome.counts.create,
			addedExisting: outcome.counts.add_existing,
			updated: outcome.counts.update,
			invitations: outcome.links.length
		});
		return {
			action: 'import' as const,
			counts: outcome.counts,
			links: outcome.links,
			linksCsv: invitationLinksCsv(outcome.links)
		};
	}
};

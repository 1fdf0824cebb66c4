/**
 * Bulk import of staff from a CSV file, in two steps: `preview` reads the file and shows every
 * row with what will happen to it, or a report of every problem (row, column, message);
 * `import` re-validates the same text and writes everything in one transaction — nothing at
 * all when any row is wrong. Accounts the import creates get invitation links, shown once with
 * a CSV of them. The preview does not say which login ids exist outside this workspace, and a
 * taken login id is added as the existing account (credentials untouched, no link) only when the
 * administrator has confirmed that before importing (`$lib/domain/account-management`).
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
	type StaffCsvResult,
	type StaffCsvRow
} from '$lib/domain/staff-csv';
import { decideAddMember } from '$lib/domain/account-management';
import { parseStaffCsvInWorker } from './parse-staff-csv';
import type { PageServerLoad, Actions } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	await requireMembership(locals, params.workspaceId, STAFF_ADMIN_ROLES);
	return { maxBytes: MAX_IMPORT_BYTES };
};

/**
 * What importing a row will do, as the preview shows it: join this workspace (a new account, or
 * an existing one elsewhere — deliberately not told apart before importing) or update a member.
 */
type RowPlan = 'add' | 'update';

/** What importing a row did, as the result shows it. */
type RowOutcome = 'create' | 'add_existing' | 'update';

interface PlannedRow extends StaffCsvRow {
	plan: RowPlan;
	/** For members of this workspace: the name on their account (kept as it is). */
	existingName: string | null;
}

/** The file's rows checked against the database; problems the CSV alone cannot show are added. */
async function planImport(
	db: Db,
	access: WorkspaceAccess,
	parsed: StaffCsvResult
): Promise<{ rows: PlannedRow[]; issues: StaffCsvIssue[]; rowCount: number }> {
	const issues = [...parsed.issues];
	const existing = await findUsersByLoginIds(
		db,
		parsed.rows.map((r) => r.loginId)
	);
	const rows: PlannedRow[] = [];
	for (const row of parsed.rows) {
		const user = existing.get(row.loginId);
		if (!user) {
			rows.push({ ...row, plan: 'add', existingName: null });
			continue;
		}
		const membership = await findMembership(db, access.workspace.id, user.id);
		if (user.id === access.user.id && membership && membership.role !== row.role) {
			issues.push({ row: row.row, column: 'role', problem: 'self_role_change' });
			continue;
		}
		// Only this workspace's own members are shown as such; an account elsewhere looks new.
		rows.push(
			membership
				? { ...row, plan: 'update', existingName: user.displayName }
				: { ...row, plan: 'add', existingName: null }
		);
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
		const plan = await planImport(appDb(), access, await parseStaffCsvInWorker(text));
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
		// The confirmation is required whatever the file holds: refusing only files with taken
		// login ids would tell which ids exist, for up to 2,000 at a time, without writing anything.
		const confirmedExisting = data.get('existingAccounts');
		if (confirmedExisting !== 'on' && confirmedExisting !== '1') {
			return reportFailure('import', m.import_existing_accounts_required(), { fileName });
		}
		const db = appDb();
		const workspaceId = access.workspace.id;

		type Outcome =
			| { ok: false; issues: StaffCsvIssue[]; rowCount: number }
			| {
					ok: true;
					counts: Record<RowOutcome, number>;
					links: Array<{ name: string; loginId: string; url: string }>;
			  };

		// Parse first (in the worker pool: no transaction waits on it), then plan and write in one
		// transaction: what was checked is what gets written.
		const parsed = await parseStaffCsvInWorker(text);
		const outcome: Outcome = await db.transaction().execute(async (trx): Promise<Outcome> => {
			const plan = await planImport(trx, access, parsed);
			if (plan.issues.length > 0) return { ok: false, issues: plan.issues, rowCount: plan.rowCount };
			const counts: Record<RowOutcome, number> = { create: 0, add_existing: 0, update: 0 };
			const links: Array<{ name: string; loginId: string; url: string }> = [];
			const existing = await findUsersByLoginIds(
				trx,
				plan.rows.map((r) => r.loginId)
			);
			for (const row of plan.rows) {
				const found = existing.get(row.loginId);
				// A member here is updated in place (unit, rank, role); anyone else joins by the one
				// rule for adding (confirmed above): create a free login id, add a taken one as it is.
				let outcome: RowOutcome = 'update';
				if (row.plan === 'add') {
					const decision = decideAddMember(found ? 'taken' : 'free', true);
					if (decision.kind === 'refuse') throw new Error(`unexpected refusal: ${decision.reason}`);
					outcome = decision.kind;
				}
				const user = found ?? (await createUser(trx, { loginId: row.loginId, displayName: row.name }));
				const unit = await ensureOrgUnitFor(trx, workspaceId, row.department, row.section);
				await upsertMembership(trx, {
					workspaceId,
					userId: user.id,
					role: row.role,
					rank: row.rank,
					orgUnitId: unit.id
				});
				counts[outcome]++;
				// Credentials only for accounts this import created.
				if (outcome === 'create') {
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

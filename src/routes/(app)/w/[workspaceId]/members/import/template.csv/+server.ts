/** GET …/members/import/template.csv — an example staff CSV (UTF-8 with BOM, opens in Excel). */
import { requireMembership, STAFF_ADMIN_ROLES } from '$lib/server/authz';
import { staffCsvTemplate } from '$lib/domain/staff-csv';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	await requireMembership(locals, params.workspaceId, STAFF_ADMIN_ROLES);
	return new Response(staffCsvTemplate(), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': 'attachment; filename="staff-template.csv"'
		}
	});
};

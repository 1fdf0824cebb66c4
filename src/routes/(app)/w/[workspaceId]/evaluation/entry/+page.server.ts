/**
 * The entry screen of one department: its KPIs with last year's actual and the target beside the
 * input. Members see their own department; facilitators and admins choose any. Rows the person
 * may not enter are shown read-only (and the server refuses them anyway: ../actuals/+server.ts).
 */
import { requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { defaultEvaluationYear, loadRegister } from '$lib/server/evaluation/register-view';
import { memberDepartmentName } from '$lib/server/repositories/kpi-register';
import { mayEnterActual } from '$lib/domain/evaluation/actual-permission';
import { yearParam } from '$lib/server/evaluation/year-param';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { user, role, workspace } = await requireMembership(locals, params.workspaceId);
	const database = appDatabase();
	const loaded = await loadRegister(database.db, workspace.id);
	const year = yearParam(url) ?? defaultEvaluationYear(loaded);
	const mine = await memberDepartmentName(database.db, workspace.id, user.id);
	const departments = [...new Set(loaded.entries.map((e) => e.kpi.department).filter((d) => d !== ''))].sort((a, b) =>
		a.localeCompare(b, 'ja')
	);
	const department = url.searchParams.get('department') ?? (mine || departments[0] || '');
	const kpis = loaded.entries
		.filter((e) => e.kpi.department === department)
		.map((e) => {
			const actuals = (loaded.actuals.get(e.kpi.id) ?? []).map((a) => ({ fiscalYear: a.fiscalYear, value: a.value, note: a.note }));
			return { kpi: e.kpi, actuals, mayEnter: mayEnterActual({ role, department: mine }, e.kpi.department) };
		});
	return { year, department, departments, myDepartment: mine, kpis, basis: loaded.basis };
};

/**
 * /workspaces/new: an installation administrator creates a town's workspace (town name,
 * strategy name, plan period in fiscal years) and becomes its admin member.
 */
import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { log } from '$lib/server/log';
import { appDb } from '$lib/server/db/instance';
import { requireInstallationAdmin } from '$lib/server/authz';
import { createWorkspace } from '$lib/server/repositories/workspaces';
import { upsertMembership } from '$lib/server/repositories/memberships';
import { invalid, parseForm } from '$lib/server/forms';
import { fiscalYearOf, fiscalYearRange } from '$lib/domain/fiscal-year';
import type { Actions, PageServerLoad } from './$types';

const MAX_PLAN_YEARS = 10;

function yearChoices() {
	const current = fiscalYearOf();
	return { current, years: fiscalYearRange(current - 3, current + 12) };
}

export const load: PageServerLoad = ({ locals, url }) => {
	requireInstallationAdmin(locals, url);
	const { current, years } = yearChoices();
	return { years, defaults: { planStartFy: current + 1, planEndFy: current + 5 } };
};

const workspaceSchema = () => {
	const { years } = yearChoices();
	const fy = z.coerce
		.number({ error: m.v_fiscal_year_invalid() })
		.int({ error: m.v_fiscal_year_invalid() })
		.refine((y) => years.includes(y), { error: m.v_fiscal_year_invalid() });
	return z
		.object({
			townName: z
				.string({ error: m.v_required() })
				.trim()
				.min(1, { error: m.v_town_name_required() })
				.max(50, { error: m.v_too_long({ max: 50 }) }),
			strategyName: z
				.string({ error: m.v_required() })
				.trim()
				.min(1, { error: m.v_strategy_name_required() })
				.max(120, { error: m.v_too_long({ max: 120 }) }),
			planStartFy: fy,
			planEndFy: fy
		})
		.refine((v) => v.planEndFy >= v.planStartFy, {
			path: ['planEndFy'],
			error: m.v_plan_end_before_start()
		})
		.refine((v) => v.planEndFy - v.planStartFy < MAX_PLAN_YEARS, {
			path: ['planEndFy'],
			error: m.v_plan_too_long({ max: MAX_PLAN_YEARS })
		});
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const admin = requireInstallationAdmin(locals);
		const parsed = parseForm(workspaceSchema(), await request.formData());
		if (!parsed.ok) return invalid('create', m.form_fix_errors(), parsed.fieldErrors, parsed.values);

		const db = appDb();
		const workspace = await db.transaction().execute(async (trx) => {
			const created = await createWorkspace(trx, parsed.data);
			await upsertMembership(trx, {
				workspaceId: created.id,
				userId: admin.id,
				role: 'admin',
				rank: 'other',
				orgUnitId: null
			});
			return created;
		});
		log.info('workspace.created', { workspaceId: workspace.id, userId: admin.id });
		redirect(303, `/w/${workspace.id}`);
	}
};

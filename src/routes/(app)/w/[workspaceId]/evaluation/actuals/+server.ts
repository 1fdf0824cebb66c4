/**
 * POST …/evaluation/actuals — enter (or clear) one fiscal year's actual of a register KPI.
 * Body: { kpiId, fiscalYear, value (as typed, Japanese notation), note }. Members of the KPI's
 * responsible department, facilitators and admins; anyone else gets 403 with a Japanese message.
 */
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { requireMembership } from '$lib/server/authz';
import { appDatabase } from '$lib/server/db/instance';
import { ID_PATTERN } from '$lib/server/ids';
import { log } from '$lib/server/log';
import { enterActual } from '$lib/server/evaluation/enter-actual';
import { parseJsonBody } from '$lib/server/facilitation/json-api';
import type { RequestHandler } from './$types';

const ActualBody = z.object({
	kpiId: z.string().regex(ID_PATTERN),
	fiscalYear: z.number().int().min(1989).max(2100),
	value: z.string().max(100),
	note: z.string().max(500).default('')
});

export const POST: RequestHandler = async ({ locals, params, request }) => {
	const { user, role, workspace } = await requireMembership(locals, params.workspaceId);
	const body = await parseJsonBody(request, ActualBody);
	if (!body.ok) return body.response;
	const decision = await enterActual(appDatabase().db, { workspaceId: workspace.id, userId: user.id, role }, body.data);
	if (!decision.ok) {
		const message =
			decision.code === 'forbidden'
				? m.eval_actual_forbidden({ department: decision.department || '未設定' })
				: decision.code === 'kpi_not_found'
					? m.eval_actual_kpi_not_found()
					: decision.code === 'kpi_retired'
						? m.eval_actual_retired()
						: (decision.reason ?? m.eval_actual_not_number());
		if (decision.code === 'forbidden') {
			log.warn('evaluation.actual_refused', { workspaceId: workspace.id, userId: user.id, kpiId: body.data.kpiId });
		}
		return json({ code: decision.code, message }, { status: decision.status });
	}
	if (decision.changed) {
		log.info('evaluation.actual_entered', {
			workspaceId: workspace.id,
			userId: user.id,
			kpiId: body.data.kpiId,
			fiscalYear: decision.fiscalYear
		});
	}
	return json({ fiscalYear: decision.fiscalYear, value: decision.value, changed: decision.changed });
};

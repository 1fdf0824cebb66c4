/**
 * The workspace's 地域再生計画 digest form (regional_plan): read (validated, defaults for what is
 * missing or unreadable) and saved whole. The shape is RegionalPlanForm (domain/regional-plan.ts).
 */
import { z } from 'zod';
import type { Db } from '../db';
import { defaultRegionalPlanForm, REGIONAL_PLAN_TEXT_LIMIT, type RegionalPlanForm } from '$lib/domain/regional-plan';

const text = z.string().max(REGIONAL_PLAN_TEXT_LIMIT);
const ids = z.array(z.string().min(1).max(64)).max(500);

/** The form as stored and as posted; every field present (the route fills defaults first). */
export const RegionalPlanFormSchema = z.object({
	name: text,
	author: text,
	area: text,
	currentState: text,
	issues: text,
	goal: text,
	overview: text,
	grantName: text,
	otherProjects: text,
	evaluationMethod: text,
	evaluationTiming: text,
	publication: text,
	measureIds: ids,
	kpiIds: ids,
	projectIds: ids
});

export async function loadRegionalPlanForm(db: Db, workspaceId: string, townName: string): Promise<{ form: RegionalPlanForm; updatedAt: number | null }> {
	const row = await db.selectFrom('regional_plan').select(['form', 'updated_at']).where('workspace_id', '=', workspaceId).executeTakeFirst();
	const defaults = defaultRegionalPlanForm(townName);
	if (!row) return { form: defaults, updatedAt: null };
	let stored: unknown;
	try {
		stored = JSON.parse(row.form);
	} catch {
		stored = {};
	}
	const parsed = RegionalPlanFormSchema.partial().safeParse(stored);
	return { form: { ...defaults, ...(parsed.success ? parsed.data : {}) }, updatedAt: Number(row.updated_at) };
}

export async function saveRegionalPlanForm(db: Db, workspaceId: string, form: RegionalPlanForm, userId: string, now = Date.now()): Promise<void> {
	const json = JSON.stringify(RegionalPlanFormSchema.parse(form));
	await db
		.insertInto('regional_plan')
		.values({ workspace_id: workspaceId, form: json, updated_at: now, updated_by: userId })
		.onConflict((oc) => oc.column('workspace_id').doUpdateSet({ form: json, updated_at: now, updated_by: userId }))
		.execute();
}

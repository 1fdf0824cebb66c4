/**
 * Adopting a saved strategy version as the strategy in force: reads the version's draft, builds
 * its register rows (domain/evaluation/register-adoption.ts) and writes them against the
 * register already in force (repositories/kpi-register.ts), in one transaction.
 */
import type { OpenedDatabase } from '../db';
import { findStrategyVersion } from '../repositories/strategy';
import { adoptRegister, type AdoptionResult } from '../repositories/kpi-register';
import { readStrategyState } from '$lib/collab/strategy';
import { registerKpisOfDraft } from '$lib/domain/evaluation/register-adoption';

export type AdoptVersionResult = { ok: true; result: AdoptionResult; versionName: string } | { ok: false; reason: 'version_not_found' | 'no_kpis' };

export async function adoptStrategyVersion(
	database: OpenedDatabase,
	input: { workspaceId: string; versionId: string; adoptedOn: number; userId: string },
	now = Date.now()
): Promise<AdoptVersionResult> {
	const version = await findStrategyVersion(database.db, input.workspaceId, input.versionId);
	if (!version) return { ok: false, reason: 'version_not_found' };
	const incoming = registerKpisOfDraft(readStrategyState(version.state), version.name);
	if (incoming.length === 0) return { ok: false, reason: 'no_kpis' };
	const result = await adoptRegister(
		database.db,
		{
			workspaceId: input.workspaceId,
			versionId: version.id,
			versionName: version.name,
			sourceKind: 'version',
			adoptedOn: input.adoptedOn,
			adoptedBy: input.userId,
			incoming
		},
		now
	);
	return { ok: true, result, versionName: version.name };
}

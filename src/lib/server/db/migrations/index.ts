/**
 * The list of migrations, in order. Imported statically (not read from the file system)
 * so that the bundled server carries them. Names are timestamps; never rename or edit one
 * that has shipped: add a new one.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './2026-11-24T0600-foundation';
import * as dotVotes from './2026-11-25T1000-dot-votes';
import * as strategyVersions from './2026-11-25T1100-strategy-versions';
import * as kpiRegister from './2026-12-02T1300-kpi-register';
import * as documentClients from './2026-12-02T1400-document-clients';
import * as regionalPlan from './2026-12-02T1400-regional-plan';

const migrations: Record<string, Migration> = {
	'2026-11-24T0600-foundation': foundation,
	'2026-11-25T1000-dot-votes': dotVotes,
	'2026-11-25T1100-strategy-versions': strategyVersions,
	'2026-12-02T1300-kpi-register': kpiRegister,
	'2026-12-02T1400-document-clients': documentClients,
	'2026-12-02T1400-regional-plan': regionalPlan
};

export const migrationProvider: MigrationProvider = {
	getMigrations: async () => migrations
};

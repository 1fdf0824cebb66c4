/**
 * The regional revitalisation plan (地域再生計画) digest of a workspace: what the facilitator filled
 * in and picked, as one JSON object per workspace (validated on read and write). Frozen in time.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('regional_plan')
		.addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspace.id').onDelete('cascade'))
		.addColumn('form', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.addColumn('updated_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('regional_plan').ifExists().execute();
}

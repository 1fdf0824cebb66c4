/**
 * Named versions of the draft strategy (e.g. 「有識者会議提出版」): a snapshot of the strategy
 * document's whole Yjs state. Also at most one strategy document per workspace. Frozen in time.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('strategy_version')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('state', 'blob', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('strategy_version_workspace_idx')
		.on('strategy_version')
		.columns(['workspace_id', 'created_at'])
		.execute();
	await db.schema
		.createIndex('document_one_strategy_idx')
		.on('document')
		.column('workspace_id')
		.unique()
		.where(sql.ref('kind'), '=', 'strategy')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('document_one_strategy_idx').ifExists().execute();
	await db.schema.dropTable('strategy_version').ifExists().execute();
}

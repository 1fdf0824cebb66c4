/**
 * The yearly evaluation (効果検証): which strategy version was adopted (策定版) and when, the KPI
 * register built from it (stable ids kept across revisions, retired KPIs kept with their actuals),
 * yearly targets, yearly actuals with the history of every change, what each adoption changed,
 * and the register's settings. Actuals have owners and permissions, so they live here and not in
 * a shared document. Portable SQL (times as integer ms, no SQLite-only syntax). Frozen in time.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('strategy_adoption')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
		// null for an imported table, or once the version itself was deleted (its name is kept).
		.addColumn('version_id', 'text', (c) => c.references('strategy_version.id').onDelete('set null'))
		.addColumn('version_name', 'text', (c) => c.notNull())
		/** 'version' (a saved version of the draft) or 'import' (a table written elsewhere). */
		.addColumn('source_kind', 'text', (c) => c.notNull())
		/** The adoption date (策定日) as integer ms at local midnight UTC of that day. */
		.addColumn('adopted_on', 'bigint', (c) => c.notNull())
		.addColumn('adopted_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('added_count', 'integer', (c) => c.notNull())
		.addColumn('continued_count', 'integer', (c) => c.notNull())
		.addColumn('retired_count', 'integer', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('strategy_adoption_workspace_idx')
		.on('strategy_adoption')
		.columns(['workspace_id', 'created_at'])
		.execute();

	await db.schema
		.createTable('register_kpi')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('goal_code', 'text', (c) => c.notNull())
		.addColumn('goal_title', 'text', (c) => c.notNull())
		.addColumn('measure_code', 'text')
		.addColumn('measure_title', 'text')
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('unit', 'text', (c) => c.notNull())
		.addColumn('measurement_method', 'text', (c) => c.notNull())
		.addColumn('baseline_value', 'double precision')
		.addColumn('baseline_year', 'integer')
		.addColumn('baseline_period_from', 'integer')
		.addColumn('baseline_period_to', 'integer')
		.addColumn('direction', 'text', (c) => c.notNull())
		.addColumn('cumulative', 'integer', (c) => c.notNull())
		.addColumn('final_target_value', 'double precision')
		.addColumn('final_target_text', 'text')
		.addColumn('target_year', 'integer')
		.addColumn('survey_date', 'text', (c) => c.notNull())
		.addColumn('publication_timing', 'text', (c) => c.notNull())
		.addColumn('department', 'text', (c) => c.notNull())
		/** The draft KPI (or numeric target) id it was built from; null for imported rows. */
		.addColumn('source_kpi_id', 'text')
		.addColumn('source_version_id', 'text')
		/** 'documentId/sheetId' of the idea sheet the KPI was copied from, when any. */
		.addColumn('source_idea', 'text')
		.addColumn('source', 'text', (c) => c.notNull())
		.addColumn('sort_order', 'integer', (c) => c.notNull())
		.addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('retired_at', 'bigint')
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('register_kpi_workspace_idx')
		.on('register_kpi')
		.columns(['workspace_id', 'retired', 'sort_order'])
		.execute();

	await db.schema
		.createTable('register_target')
		.addColumn('kpi_id', 'text', (c) => c.notNull().references('register_kpi.id').onDelete('cascade'))
		.addColumn('fiscal_year', 'integer', (c) => c.notNull())
		.addColumn('value', 'double precision', (c) => c.notNull())
		.addPrimaryKeyConstraint('register_target_pk', ['kpi_id', 'fiscal_year'])
		.execute();

	await db.schema
		.createTable('register_actual')
		.addColumn('kpi_id', 'text', (c) => c.notNull().references('register_kpi.id').onDelete('cascade'))
		/** The fiscal year the value is of (「11（R1）」 is of R1, whenever it was entered). */
		.addColumn('fiscal_year', 'integer', (c) => c.notNull())
		.addColumn('value', 'double precision', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull())
		.addColumn('entered_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('entered_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('register_actual_pk', ['kpi_id', 'fiscal_year'])
		.execute();

	await db.schema
		.createTable('register_actual_history')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('kpi_id', 'text', (c) => c.notNull().references('register_kpi.id').onDelete('cascade'))
		.addColumn('fiscal_year', 'integer', (c) => c.notNull())
		.addColumn('previous_value', 'double precision')
		.addColumn('previous_note', 'text')
		/** null when the actual was cleared. */
		.addColumn('value', 'double precision')
		.addColumn('note', 'text', (c) => c.notNull())
		.addColumn('changed_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('changed_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('register_actual_history_kpi_idx')
		.on('register_actual_history')
		.columns(['kpi_id', 'changed_at'])
		.execute();

	await db.schema
		.createTable('register_change')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('adoption_id', 'text', (c) => c.notNull().references('strategy_adoption.id').onDelete('cascade'))
		.addColumn('kpi_id', 'text', (c) => c.notNull().references('register_kpi.id').onDelete('cascade'))
		/** added, continued (fields may have changed: see detail), retired. */
		.addColumn('change', 'text', (c) => c.notNull())
		/** The fields that changed, comma-separated (continued KPIs only; empty otherwise). */
		.addColumn('detail', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('register_change_adoption_idx').on('register_change').column('adoption_id').execute();

	await db.schema
		.createTable('register_setting')
		.addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspace.id').onDelete('cascade'))
		/** 'final': progress against the final target (as published reports do); 'yearly': the year's own. */
		.addColumn('compare_with', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.execute();

	// An uploaded KPI table between its preview and its confirmation (cells as JSON text).
	await db.schema
		.createTable('register_upload')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('cells', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'register_upload',
		'register_setting',
		'register_change',
		'register_actual_history',
		'register_actual',
		'register_target',
		'register_kpi',
		'strategy_adoption'
	]) {
		await db.schema.dropTable(table).ifExists().execute();
	}
}

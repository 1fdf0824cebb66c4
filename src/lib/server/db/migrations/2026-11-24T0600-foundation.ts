/** Foundation schema: accounts, sessions, workspaces, org units, workshops, Yjs storage. Frozen in time. */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('user')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('login_id', 'text', (c) => c.notNull().unique())
		.addColumn('display_name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text')
		.addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('last_active_at', 'bigint', (c) => c.notNull())
		.addColumn('expires_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

	await db.schema
		.createTable('invitation')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('created_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('expires_at', 'bigint', (c) => c.notNull())
		.addColumn('used_at', 'bigint')
		.execute();

	await db.schema
		.createTable('login_attempt')
		.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('attempted_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('login_attempt_key_idx')
		.on('login_attempt')
		.columns(['key', 'attempted_at'])
		.execute();

	await db.schema
		.createTable('workspace')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('town_name', 'text', (c) => c.notNull())
		.addColumn('strategy_name', 'text', (c) => c.notNull())
		.addColumn('plan_start_fy', 'integer', (c) => c.notNull())
		.addColumn('plan_end_fy', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('org_unit')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('workspace_id', 'text', (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('parent_id', 'text', (c) => c.references('org_unit.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.createIndex('org_unit_workspace_idx')
		.on('org_unit')
		.columns(['workspace_id', 'parent_id'])
		.execute();

	await db.schema
		.createTable('membership')
		.addColumn('workspace_id', 'text', (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('rank', 'text', (c) => c.notNull().defaultTo('other'))
		.addColumn('org_unit_id', 'text', (c) => c.references('org_unit.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('membership_pk', ['workspace_id', 'user_id'])
		.execute();
	await db.schema.createIndex('membership_user_idx').on('membership').column('user_id').execute();

	await db.schema
		.createTable('document')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('workspace_id', 'text', (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('document_update')
		.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
		.addColumn('document_id', 'text', (c) =>
			c.notNull().references('document.id').onDelete('cascade')
		)
		.addColumn('data', 'blob', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('document_update_doc_idx')
		.on('document_update')
		.columns(['document_id', 'seq'])
		.execute();

	await db.schema
		.createTable('document_snapshot')
		.addColumn('document_id', 'text', (c) =>
			c.primaryKey().references('document.id').onDelete('cascade')
		)
		.addColumn('data', 'blob', (c) => c.notNull())
		.addColumn('last_seq', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('workshop')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('workspace_id', 'text', (c) =>
			c.notNull().references('workspace.id').onDelete('cascade')
		)
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('workshop_session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('workshop_id', 'text', (c) =>
			c.notNull().references('workshop.id').onDelete('cascade')
		)
		.addColumn('ordinal', 'integer', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('audience', 'text', (c) => c.notNull().defaultTo('all'))
		.execute();

	await db.schema
		.createTable('workshop_group')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('session_id', 'text', (c) =>
			c.notNull().references('workshop_session.id').onDelete('cascade')
		)
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('document_id', 'text', (c) =>
			c.notNull().references('document.id').onDelete('cascade')
		)
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	await db.schema
		.createTable('group_member')
		.addColumn('group_id', 'text', (c) =>
			c.notNull().references('workshop_group.id').onDelete('cascade')
		)
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('group_member_pk', ['group_id', 'user_id'])
		.execute();

}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const t of [
		'group_member',
		'workshop_group',
		'workshop_session',
		'workshop',
		'document_snapshot',
		'document_update',
		'document',
		'membership',
		'org_unit',
		'workspace',
		'login_attempt',
		'invitation',
		'session',
		'user'
	]) {
		await db.schema.dropTable(t).ifExists().execute();
	}
}

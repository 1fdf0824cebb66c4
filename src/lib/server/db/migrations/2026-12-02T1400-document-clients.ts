/**
 * Who writes under which Yjs client id (`document_client`), who sent each stored update
 * (`document_update.user_id`, `restored`), and the stamp the backup command puts into every
 * backup copy (`backup_stamp`), so that a server started on a restored copy knows that browsers
 * will resend what it lost. Frozen in time.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('document_client')
		.addColumn('document_id', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
		.addColumn('client_id', 'integer', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id'))
		.addColumn('first_seen', 'bigint', (c) => c.notNull())
		.addColumn('restored', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('document_client_pk', ['document_id', 'client_id'])
		.execute();
	await db.schema
		.alterTable('document_update')
		.addColumn('user_id', 'text', (c) => c.references('user.id').onDelete('set null'))
		.execute();
	await db.schema
		.alterTable('document_update')
		.addColumn('restored', 'integer', (c) => c.notNull().defaultTo(sql`0`))
		.execute();
	await db.schema
		.createTable('backup_stamp')
		.addColumn('taken_at', 'bigint', (c) => c.notNull())
		.addColumn('restored_at', 'bigint')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('backup_stamp').ifExists().execute();
	await db.schema.alterTable('document_update').dropColumn('restored').execute();
	await db.schema.alterTable('document_update').dropColumn('user_id').execute();
	await db.schema.dropTable('document_client').ifExists().execute();
}

/**
 * Dot votes on a board's issue cards: the vote (rules and state) and each person's dots per card.
 * Ballots live only here, never in the shared document, so they stay hidden until revealed.
 * Frozen in time.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('vote')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('document_id', 'text', (c) => c.notNull().references('document.id').onDelete('cascade'))
		.addColumn('budget', 'integer', (c) => c.notNull())
		.addColumn('cap_per_card', 'integer', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
		.addColumn('opened_by', 'text', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('revealed_at', 'bigint')
		.addColumn('closed_at', 'bigint')
		.execute();
	await db.schema.createIndex('vote_document_idx').on('vote').columns(['document_id', 'created_at']).execute();

	await db.schema
		.createTable('vote_ballot')
		.addColumn('vote_id', 'text', (c) => c.notNull().references('vote.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('card_id', 'text', (c) => c.notNull())
		.addColumn('dots', 'integer', (c) => c.notNull())
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('vote_ballot_pk', ['vote_id', 'user_id', 'card_id'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('vote_ballot').ifExists().execute();
	await db.schema.dropTable('vote').ifExists().execute();
}

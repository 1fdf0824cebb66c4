import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addCard,
	boardMeta,
	boardPhase,
	boardVote,
	isBoardLocked,
	listCards,
	setBoardLocked,
	setBoardPhase,
	setBoardVote
} from '../../collab/schema';
import { FacilitatorKeys, RESTORED } from './facilitator-keys';

const FACILITATOR = 'facilitator';
const MEMBER = 'member';

/** A server-side board guarded like a room guards it, and a way to apply a client's edit to it. */
function guardedBoard() {
	const server = new Y.Doc();
	const guard = new FacilitatorKeys(boardMeta(server), (origin) => origin !== MEMBER);
	const client = new Y.Doc();
	server.on('update', (u: Uint8Array, origin: unknown) => {
		if (origin !== client) Y.applyUpdate(client, u, server);
	});
	/** Applies what the client changed in `edit` to the server as coming from `who`, then restores. */
	const edit = (who: string, change: (doc: Y.Doc) => void): string[] => {
		const before = Y.encodeStateVector(client);
		change(client);
		Y.applyUpdate(server, Y.encodeStateAsUpdate(client, before), who);
		return guard.restore();
	};
	return { server, client, guard, edit };
}

describe('FacilitatorKeys', () => {
	it('lets a facilitator change the lock, the phase and the vote', () => {
		const { server, edit } = guardedBoard();
		const restored = edit(FACILITATOR, (doc) => {
			setBoardLocked(doc, true);
			setBoardPhase(doc, '個人ワーク');
		});
		expect(restored).toEqual([]);
		expect(isBoardLocked(server)).toBe(true);
		expect(boardPhase(server)).toBe('個人ワーク');
	});

	it("puts back what a member's update changed in meta and keeps the rest of it", () => {
		const { server, client, edit } = guardedBoard();
		edit(FACILITATOR, (doc) => setBoardPhase(doc, 'グループ討議'));
		const restored = edit(MEMBER, (doc) => {
			setBoardLocked(doc, true);
			setBoardPhase(doc, '終了');
			setBoardVote(doc, { id: 'v', status: 'revealed', budget: 3, capPerCard: 3, results: { c: { dots: 99, voters: 1 } } });
			addCard(doc, { id: 'c', text: '窓口の待ち時間', authorId: 'u', authorName: 'u' });
		});
		expect(restored.sort()).toEqual(['locked', 'phase', 'vote']);
		for (const doc of [server, client]) {
			expect(isBoardLocked(doc)).toBe(false);
			expect(boardPhase(doc)).toBe('グループ討議');
			expect(boardVote(doc)).toBeNull();
			expect(listCards(doc).map((c) => c.id)).toEqual(['c']);
		}
	});

	it('restores a key a member deleted', () => {
		const { server, edit } = guardedBoard();
		edit(FACILITATOR, (doc) => setBoardLocked(doc, false));
		expect(edit(MEMBER, (doc) => boardMeta(doc).delete('locked'))).toEqual(['locked']);
		expect(boardMeta(server).get('locked')).toBe(false);
	});

	it('writes its restoring transaction with its own origin, which it lets through', () => {
		const { server, edit } = guardedBoard();
		const origins: unknown[] = [];
		server.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
		edit(MEMBER, (doc) => setBoardLocked(doc, true));
		expect(origins).toEqual([MEMBER, RESTORED]);
	});

	it('stops watching once disposed', () => {
		const { server, guard, edit } = guardedBoard();
		guard.dispose();
		expect(edit(MEMBER, (doc) => setBoardLocked(doc, true))).toEqual([]);
		expect(isBoardLocked(server)).toBe(true);
	});
});

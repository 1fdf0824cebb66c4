import { describe, expect, it } from 'vitest';
import { GroupCommit, type PendingWrite } from './group-commit';
import type { LogEntry } from './persistence';

class RecordingLog {
	readonly transactions: LogEntry[][] = [];
	fail = false;
	appendAll(entries: readonly LogEntry[]): void {
		if (this.fail) throw new Error('disk full');
		this.transactions.push([...entries]);
	}
}

function write(documentId: string, events: string[], ...updates: number[]): PendingWrite {
	return {
		documentId,
		updates: updates.map((n) => Uint8Array.of(n)),
		committed: () => events.push(`committed:${documentId}`),
		failed: () => events.push(`failed:${documentId}`)
	};
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
	it('writes everything of one turn in one transaction, then tells each room', async () => {
		const log = new RecordingLog();
		const commits = new GroupCommit(log);
		const events: string[] = [];
		const a = write('a', events, 1);
		commits.add(a);
		commits.add(write('b', events, 2, 3));
		a.updates.push(Uint8Array.of(4)); // more for room a in the same turn
		expect(log.transactions).toHaveLength(0);
		expect(events).toEqual([]);
		await nextTurn();
		expect(log.transactions).toHaveLength(1);
		expect(log.transactions[0]!.map((e) => [e.documentId, e.update[0]])).toEqual([
			['a', 1],
			['a', 4],
			['b', 2],
			['b', 3]
		]);
		expect(events).toEqual(['committed:a', 'committed:b']);
	});

	it('commits at once when asked (before a room hands out its document)', () => {
		const log = new RecordingLog();
		const commits = new GroupCommit(log);
		const events: string[] = [];
		commits.add(write('a', events, 1));
		commits.flush();
		expect(events).toEqual(['committed:a']);
		commits.flush();
		expect(log.transactions).toHaveLength(1);
	});

	it('tells every room of a failed transaction, and none that it committed', async () => {
		const log = new RecordingLog();
		log.fail = true;
		const commits = new GroupCommit(log);
		const events: string[] = [];
		commits.add(write('a', events, 1));
		commits.add(write('b', events, 2));
		await nextTurn();
		expect(events).toEqual(['failed:a', 'failed:b']);
	});

	it('reports how long recent commits took', () => {
		const commits = new GroupCommit(new RecordingLog());
		expect(commits.timings()).toEqual({ count: 0, p50Ms: null, p99Ms: null, maxMs: null });
		for (let i = 0; i < 3; i++) {
			commits.add(write('a', [], i));
			commits.flush();
		}
		const timings = commits.timings();
		expect(timings.count).toBe(3);
		expect(timings.maxMs).toBeGreaterThanOrEqual(timings.p50Ms!);
	});

	it('in immediate mode commits each write as it comes', () => {
		const log = new RecordingLog();
		const commits = new GroupCommit(log, { immediate: true });
		const events: string[] = [];
		commits.add(write('a', events, 1));
		expect(events).toEqual(['committed:a']);
	});

	it("stores each update with its sender, and the server's own changes with none", () => {
		const log = new RecordingLog();
		const commits = new GroupCommit(log, { immediate: true });
		const alice = { userId: 'alice', restored: false, newClients: [7] };
		commits.add({ ...write('a', [], 1, 2), authors: [alice, null] });
		commits.add(write('b', [], 3));
		expect(log.transactions.flat().map((e) => [e.update[0], e.author])).toEqual([
			[1, alice],
			[2, null],
			[3, null]
		]);
	});
});

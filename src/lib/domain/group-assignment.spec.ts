import { describe, expect, it } from 'vitest';
import { assignGroups, type Participant } from './group-assignment';

function staff(count: number, rank: Participant['rank'], departments: string[]): Participant[] {
	return Array.from({ length: count }, (_, i) => ({
		userId: `${rank}-${String(i).padStart(3, '0')}`,
		rank,
		departmentId: departments[i % departments.length]!
	}));
}

const depts = ['総務課', '企画課', '税務課', '町民課', '健康福祉課', '農林課', '建設課'];

describe('group assignment', () => {
	it('puts only clerks in a clerk session and spreads departments', () => {
		const people = [...staff(35, 'clerk', depts), ...staff(30, 'chief', depts)];
		const groups = assignGroups(people, 'clerk', 5);
		expect(groups).toHaveLength(5);
		const assigned = groups.flatMap((g) => g.userIds);
		expect(assigned).toHaveLength(35);
		expect(new Set(assigned).size).toBe(35);
		expect(assigned.every((id) => id.startsWith('clerk-'))).toBe(true);
		const deptOf = new Map(people.map((p) => [p.userId, p.departmentId]));
		for (const g of groups) {
			expect(g.userIds.length).toBe(7);
			// seven people from seven departments: everyone from a different one
			expect(new Set(g.userIds.map((id) => deptOf.get(id))).size).toBe(7);
		}
	});

	it('never mixes clerks and chiefs when a session is open to all', () => {
		const people = [...staff(20, 'clerk', depts), ...staff(10, 'chief', depts), ...staff(2, 'manager', depts)];
		const groups = assignGroups(people, 'all', 6);
		expect(groups).toHaveLength(6);
		const rankOf = new Map(people.map((p) => [p.userId, p.rank]));
		for (const g of groups) {
			const levels = new Set(g.userIds.map((id) => (rankOf.get(id) === 'clerk' ? 'clerk' : 'chief')));
			expect(levels.size).toBe(1);
			expect([...levels][0]).toBe(g.level);
		}
		expect(groups.filter((g) => g.level === 'clerk')).toHaveLength(4);
		expect(groups.flatMap((g) => g.userIds)).toHaveLength(32);
	});

	it('is deterministic whatever the input order', () => {
		const people = staff(17, 'chief', depts);
		const a = assignGroups(people, 'chief', 3);
		const b = assignGroups([...people].reverse(), 'chief', 3);
		expect(a).toEqual(b);
	});

	it('refuses a group count below one', () => {
		expect(() => assignGroups(staff(3, 'clerk', depts), 'clerk', 0)).toThrow(RangeError);
	});

	it('gives eight clerks of four departments in two groups four departments each (the reported case)', () => {
		const people = staff(8, 'clerk', ['総務課', '企画課', '税務課', '町民課']);
		const deptOf = new Map(people.map((p) => [p.userId, p.departmentId]));
		for (const g of assignGroups(people, 'clerk', 2)) {
			expect(new Set(g.userIds.map((id) => deptOf.get(id))).size).toBe(4);
		}
	});
});

/** A small deterministic generator (mulberry32), so a failing roster can be reproduced from its seed. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('group assignment, as a property over random rosters', () => {
	const ranks: Participant['rank'][] = ['clerk', 'chief', 'manager', 'other'];
	for (let seed = 1; seed <= 400; seed++) {
		const next = random(seed);
		const size = 1 + Math.floor(next() * 80);
		const departmentCount = 1 + Math.floor(next() * 12);
		const people: Participant[] = Array.from({ length: size }, (_, i) => ({
			userId: `u${String(i).padStart(3, '0')}`,
			rank: ranks[Math.floor(next() * ranks.length)]!,
			// skewed: low-numbered departments are larger, some people have none
			departmentId: next() < 0.05 ? null : `d${Math.floor(next() * next() * departmentCount)}`
		}));
		const audience = (['clerk', 'chief', 'all'] as const)[seed % 3]!;
		const groupCount = (audience === 'all' ? 2 : 1) + Math.floor(next() * 8);

		it(`seed ${seed}: ${size} people, ${departmentCount} departments, ${audience}, ${groupCount} groups`, () => {
			const groups = assignGroups(people, audience, groupCount);
			const byId = new Map(people.map((p) => [p.userId, p]));
			const level = (p: Participant) => (p.rank === 'chief' || p.rank === 'manager' ? 'chief' : 'clerk');
			const expected = people.filter((p) => audience === 'all' || level(p) === audience);
			const assigned = groups.flatMap((g) => g.userIds);
			// everyone eligible exactly once
			expect([...assigned].sort()).toEqual(expected.map((p) => p.userId).sort());
			for (const lvl of ['clerk', 'chief'] as const) {
				const mine = groups.filter((g) => g.level === lvl);
				if (mine.length === 0) continue;
				// ranks never mixed
				for (const g of mine) expect(g.userIds.every((id) => level(byId.get(id)!) === lvl)).toBe(true);
				// sizes within ±1
				const sizes = mine.map((g) => g.userIds.length);
				expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
				// departments per group maximal: each department appears in min(its size, groups) groups
				const counts = new Map<string, number>();
				for (const g of mine) for (const id of g.userIds) {
					const d = byId.get(id)!.departmentId ?? '';
					counts.set(d, (counts.get(d) ?? 0) + 1);
				}
				const bound = [...counts.values()].reduce((sum, c) => sum + Math.min(c, mine.length), 0);
				const distinct = mine.reduce(
					(sum, g) => sum + new Set(g.userIds.map((id) => byId.get(id)!.departmentId ?? '')).size,
					0
				);
				expect(distinct).toBe(bound);
			}
		});
	}
});

import { describe, expect, it } from 'vitest';
import { assignGroups, interleaveDepartments, type Participant } from './group-assignment';

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

	it('interleaves the largest department first', () => {
		const people: Participant[] = [
			{ userId: 'a1', rank: 'clerk', departmentId: 'A' },
			{ userId: 'a2', rank: 'clerk', departmentId: 'A' },
			{ userId: 'a3', rank: 'clerk', departmentId: 'A' },
			{ userId: 'b1', rank: 'clerk', departmentId: 'B' }
		];
		expect(interleaveDepartments(people).map((p) => p.userId)).toEqual(['a1', 'b1', 'a2', 'a3']);
	});

	it('refuses a group count below one', () => {
		expect(() => assignGroups(staff(3, 'clerk', depts), 'clerk', 0)).toThrow(RangeError);
	});
});

/**
 * Automatic assignment of working-group members to groups (班): clerks (係員) and chiefs (係長)
 * are never mixed in one group, and departments are spread so that every group hears from as
 * many departments as possible. Deterministic for the same input, so a facilitator can
 * re-run it and get the same groups.
 */
import type { StaffRank } from '$lib/server/db/types';
import type { SessionAudience } from './workshop-template';

export interface Participant {
	userId: string;
	rank: StaffRank;
	/** Department (課) id; null when unknown. */
	departmentId: string | null;
}

export type RankLevel = 'clerk' | 'chief';

/** Clerk-level sessions take 係員 and other staff; chief-level take 係長 and 課長. */
export function rankLevel(rank: StaffRank): RankLevel {
	return rank === 'chief' || rank === 'manager' ? 'chief' : 'clerk';
}

/**
 * Orders people so that consecutive ones come from different departments as far as possible:
 * largest department first, then one from each department in turn.
 */
export function interleaveDepartments(people: Participant[]): Participant[] {
	const byDept = new Map<string, Participant[]>();
	for (const p of [...people].sort((a, b) => a.userId.localeCompare(b.userId))) {
		const key = p.departmentId ?? '';
		const list = byDept.get(key) ?? [];
		list.push(p);
		byDept.set(key, list);
	}
	const queues = [...byDept.entries()]
		.sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
		.map(([, list]) => list);
	const out: Participant[] = [];
	while (out.length < people.length) {
		for (const q of queues) {
			const next = q.shift();
			if (next) out.push(next);
		}
	}
	return out;
}

function deal(people: Participant[], groupCount: number): string[][] {
	const groups: string[][] = Array.from({ length: groupCount }, () => []);
	interleaveDepartments(people).forEach((p, i) => groups[i % groupCount]!.push(p.userId));
	return groups;
}

export interface AssignedGroup {
	level: RankLevel;
	userIds: string[];
}

/**
 * Splits the session's participants into `groupCount` groups. For a session open to all ranks,
 * the groups are divided between clerk-level and chief-level in proportion to their numbers
 * (at least one each when both are present).
 */
export function assignGroups(
	people: Participant[],
	audience: SessionAudience,
	groupCount: number
): AssignedGroup[] {
	if (!Number.isInteger(groupCount) || groupCount < 1) throw new RangeError('groupCount must be ≥ 1');
	const clerks = people.filter((p) => rankLevel(p.rank) === 'clerk');
	const chiefs = people.filter((p) => rankLevel(p.rank) === 'chief');
	if (audience === 'clerk') return deal(clerks, groupCount).map((userIds) => ({ level: 'clerk', userIds }));
	if (audience === 'chief') return deal(chiefs, groupCount).map((userIds) => ({ level: 'chief', userIds }));

	if (chiefs.length === 0) return deal(clerks, groupCount).map((userIds) => ({ level: 'clerk', userIds }));
	if (clerks.length === 0) return deal(chiefs, groupCount).map((userIds) => ({ level: 'chief', userIds }));
	if (groupCount < 2) throw new RangeError('clerks and chiefs need at least two groups');
	const clerkGroups = Math.min(
		groupCount - 1,
		Math.max(1, Math.round((groupCount * clerks.length) / people.length))
	);
	return [
		...deal(clerks, clerkGroups).map((userIds) => ({ level: 'clerk' as const, userIds })),
		...deal(chiefs, groupCount - clerkGroups).map((userIds) => ({ level: 'chief' as const, userIds }))
	];
}

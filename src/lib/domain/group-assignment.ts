/**
 * Automatic assignment of working-group members to groups (班): clerks (係員) and chiefs (係長)
 * are never mixed in one group, group sizes differ by at most one, and departments are spread
 * so that every group hears from as many departments as possible. Deterministic for the same
 * input, so a facilitator can re-run it and get the same groups.
 *
 * Why not simply interleave by department and deal round-robin: when the number of departments
 * is a multiple of the number of groups, the same departments always land together (eight
 * clerks of four departments in two groups gave each group two departments twice). Instead the
 * assignment is a bipartite realisation: a department of c people can appear in at most
 * min(c, groups) groups and a group holds at most its size, and placing departments largest
 * first into the groups with the most room left (Havel–Hakimi) reaches that bound exactly.
 */
import type { StaffRank } from './staff-csv';
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

/** Group sizes for `count` people in `groupCount` groups: the first ones one larger. */
function groupSizes(count: number, groupCount: number): number[] {
	const base = Math.floor(count / groupCount);
	return Array.from({ length: groupCount }, (_, i) => base + (i < count % groupCount ? 1 : 0));
}

/** The indexes of the `n` groups with the most room left (ties: the lower index). */
function roomiest(room: number[], n: number): number[] {
	return room
		.map((left, index) => ({ left, index }))
		.filter((g) => g.left > 0)
		.sort((a, b) => b.left - a.left || a.index - b.index)
		.slice(0, n)
		.map((g) => g.index);
}

function deal(people: Participant[], groupCount: number): string[][] {
	const groups: string[][] = Array.from({ length: groupCount }, () => []);
	const room = groupSizes(people.length, groupCount);
	const byDept = new Map<string, Participant[]>();
	for (const p of [...people].sort((a, b) => a.userId.localeCompare(b.userId))) {
		const key = p.departmentId ?? '';
		byDept.set(key, [...(byDept.get(key) ?? []), p]);
	}
	const departments = [...byDept.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
	const extras: Participant[] = [];
	// One person of each department into as many different groups as it has people (or groups).
	for (const [, members] of departments) {
		const spread = Math.min(members.length, groupCount);
		const targets = roomiest(room, spread);
		targets.forEach((g, i) => {
			groups[g]!.push(members[i]!.userId);
			room[g]!--;
		});
		extras.push(...members.slice(targets.length));
	}
	// The rest fill the remaining places, largest department first as above.
	for (const p of extras) {
		const [g] = roomiest(room, 1);
		groups[g!]!.push(p.userId);
		room[g!]!--;
	}
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

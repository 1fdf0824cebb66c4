/**
 * The town's working-group process as a template: four sessions run as one piece of work,
 * two for clerk-level staff (係員) and two for chief-level staff (係長), and group names (A班, B班 …).
 */
export type SessionAudience = 'clerk' | 'chief' | 'all';

export interface SessionTemplate {
	ordinal: number;
	name: string;
	audience: SessionAudience;
}

/** The default four sessions of a workshop (会津美里町 職員ワーキンググループ). */
export const DEFAULT_WORKSHOP_SESSIONS: readonly SessionTemplate[] = [
	{ ordinal: 1, name: '係員 第1回 課題の洗い出し', audience: 'clerk' },
	{ ordinal: 2, name: '係員 第2回 デジタルによる課題解決アイデア', audience: 'clerk' },
	{ ordinal: 3, name: '係長 第1回 アイデアの精査・施策間連携', audience: 'chief' },
	{ ordinal: 4, name: '係長 第2回 KPI設定', audience: 'chief' }
];

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The first of A班, B班, … Z班, A2班 … not yet used in the session. */
export function nextGroupName(existing: readonly string[]): string {
	const used = new Set(existing.map((n) => n.normalize('NFKC').trim()));
	for (let round = 1; ; round++) {
		for (const letter of LETTERS) {
			const name = `${letter}${round === 1 ? '' : round}班`;
			if (!used.has(name)) return name;
		}
	}
}

/**
 * The national framework the town's strategy follows (デジタル田園都市国家構想総合戦略):
 * exactly four basic goals, and three enabling conditions that ideas may depend on.
 */

export type BasicGoalId = 1 | 2 | 3 | 4;

export interface BasicGoal {
	id: BasicGoalId;
	/** The national wording (Japanese). */
	title: string;
	titleEn: string;
}

export const BASIC_GOALS: readonly BasicGoal[] = [
	{ id: 1, title: '地方に仕事をつくる', titleEn: 'Create jobs in the region' },
	{ id: 2, title: '人の流れをつくる', titleEn: 'Create a flow of people into the region' },
	{
		id: 3,
		title: '結婚・出産・子育ての希望をかなえる',
		titleEn: 'Fulfil hopes for marriage, childbirth and child-rearing'
	},
	{ id: 4, title: '魅力的な地域をつくる', titleEn: 'Build an attractive region' }
];

export function isBasicGoalId(value: unknown): value is BasicGoalId {
	return value === 1 || value === 2 || value === 3 || value === 4;
}

export type EnablingConditionId = 'infrastructure' | 'talent' | 'inclusion';

export interface EnablingCondition {
	id: EnablingConditionId;
	title: string;
	titleEn: string;
}

export const ENABLING_CONDITIONS: readonly EnablingCondition[] = [
	{ id: 'infrastructure', title: 'デジタル基盤の整備', titleEn: 'Digital infrastructure' },
	{ id: 'talent', title: 'デジタル人材の育成・確保', titleEn: 'Digital talent' },
	{ id: 'inclusion', title: '誰一人取り残されないための取組', titleEn: 'No one left behind' }
];

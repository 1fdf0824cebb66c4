import { describe, expect, it } from 'vitest';
import { checkBallot, checkVoteRules, tally } from './dot-vote';

const cards = new Set(['c1', 'c2', 'c3']);
const rules = { budget: 3, capPerCard: 2 };

describe('dot voting', () => {
	it('accepts a ballot within budget and cap', () => {
		expect(checkBallot({ c1: 2, c2: 1 }, rules, cards)).toEqual([]);
		expect(checkBallot({}, rules, cards)).toEqual([]);
	});

	it('refuses more dots than the budget', () => {
		expect(checkBallot({ c1: 2, c2: 1, c3: 1 }, rules, cards)).toEqual([{ code: 'over_budget', used: 4, budget: 3 }]);
	});

	it('refuses more than the cap on one card', () => {
		expect(checkBallot({ c1: 3 }, rules, cards)).toContainEqual({ code: 'over_cap', cardId: 'c1', cap: 2 });
	});

	it('refuses fractions, negatives and unknown cards', () => {
		expect(checkBallot({ c1: 1.5 }, rules, cards)).toEqual([{ code: 'not_whole_number', cardId: 'c1' }]);
		expect(checkBallot({ c1: -1 }, rules, cards)).toEqual([{ code: 'not_whole_number', cardId: 'c1' }]);
		expect(checkBallot({ zz: 1 }, rules, cards)).toEqual([{ code: 'unknown_card', cardId: 'zz' }]);
	});

	it('validates the rules a facilitator sets', () => {
		expect(checkVoteRules({ budget: 5, capPerCard: 3 })).toBeNull();
		expect(checkVoteRules({ budget: 0, capPerCard: 1 })).toBe('budget');
		expect(checkVoteRules({ budget: 3, capPerCard: 4 })).toBe('capPerCard');
	});

	it('tallies dots and voters per card, most first', () => {
		expect(tally([{ c1: 2, c2: 1 }, { c2: 2 }, { c3: 1, c1: 0 }])).toEqual([
			{ cardId: 'c2', dots: 3, voters: 2 },
			{ cardId: 'c1', dots: 2, voters: 1 },
			{ cardId: 'c3', dots: 1, voters: 1 }
		]);
	});
});

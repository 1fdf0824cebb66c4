/**
 * Dot voting on issue cards: each participant has a budget of dots and may put at most
 * `capPerCard` on one card. Ballots are kept on the server and hidden until the facilitator
 * reveals the result.
 */

export interface VoteRules {
	/** Dots per person. */
	budget: number;
	/** Most dots one person may put on one card. */
	capPerCard: number;
}

export type Ballot = Record<string, number>;

export type BallotProblem =
	| { code: 'not_whole_number'; cardId: string }
	| { code: 'over_cap'; cardId: string; cap: number }
	| { code: 'over_budget'; used: number; budget: number }
	| { code: 'unknown_card'; cardId: string };

export function checkVoteRules(rules: VoteRules): string | null {
	if (!Number.isInteger(rules.budget) || rules.budget < 1 || rules.budget > 100) return 'budget';
	if (!Number.isInteger(rules.capPerCard) || rules.capPerCard < 1 || rules.capPerCard > rules.budget) {
		return 'capPerCard';
	}
	return null;
}

/** Checks a whole ballot (a person's dots per card) against the rules and the board's cards. */
export function checkBallot(ballot: Ballot, rules: VoteRules, cardIds: ReadonlySet<string>): BallotProblem[] {
	const problems: BallotProblem[] = [];
	let used = 0;
	for (const [cardId, dots] of Object.entries(ballot)) {
		if (!cardIds.has(cardId)) problems.push({ code: 'unknown_card', cardId });
		if (!Number.isInteger(dots) || dots < 0) {
			problems.push({ code: 'not_whole_number', cardId });
			continue;
		}
		if (dots > rules.capPerCard) problems.push({ code: 'over_cap', cardId, cap: rules.capPerCard });
		used += dots;
	}
	if (used > rules.budget) problems.push({ code: 'over_budget', used, budget: rules.budget });
	return problems;
}

export interface CardTally {
	cardId: string;
	dots: number;
	voters: number;
}

/** Totals per card, most dots first (ties by card id so every screen shows the same order). */
export function tally(ballots: Ballot[]): CardTally[] {
	const totals = new Map<string, CardTally>();
	for (const ballot of ballots) {
		for (const [cardId, dots] of Object.entries(ballot)) {
			if (dots <= 0) continue;
			const t = totals.get(cardId) ?? { cardId, dots: 0, voters: 0 };
			t.dots += dots;
			t.voters += 1;
			totals.set(cardId, t);
		}
	}
	return [...totals.values()].sort((a, b) => b.dots - a.dots || a.cardId.localeCompare(b.cardId));
}

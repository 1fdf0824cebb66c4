/**
 * The name a workspace goes by: the town and its strategy. Towns usually name the strategy with
 * the town in it (美郷町デジタル田園都市構想総合戦略), so simply joining the two would say the
 * town twice; the town is prefixed only when the strategy's name does not already start with it.
 */
export function workspaceTitle(townName: string, strategyName: string): string {
	const town = townName.trim();
	const strategy = strategyName.trim();
	if (!strategy) return town;
	if (!town || strategy.normalize('NFKC').startsWith(town.normalize('NFKC'))) return strategy;
	return `${town} ${strategy}`;
}

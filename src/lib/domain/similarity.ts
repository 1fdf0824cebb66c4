/**
 * Japanese text similarity without any external service: cosine similarity of character
 * bigram counts over NFKC-normalised text. Japanese has no spaces between words, so character
 * n-grams are the usual robust choice; bigrams catch shared two-kanji words (予約, 施設, 窓口).
 */

const STRIP = /[\s\p{P}\p{S}]+/gu;

export function normaliseForComparison(text: string): string {
	return text.normalize('NFKC').toLowerCase().replace(STRIP, '');
}

export function bigramCounts(text: string): Map<string, number> {
	const chars = [...normaliseForComparison(text)];
	const counts = new Map<string, number>();
	if (chars.length === 1) counts.set(chars[0]!, 1);
	for (let i = 0; i + 1 < chars.length; i++) {
		const gram = chars[i]! + chars[i + 1]!;
		counts.set(gram, (counts.get(gram) ?? 0) + 1);
	}
	return counts;
}

function norm(v: Map<string, number>): number {
	let sum = 0;
	for (const c of v.values()) sum += c * c;
	return Math.sqrt(sum);
}

export function cosine(a: Map<string, number>, b: Map<string, number>): number {
	const na = norm(a);
	const nb = norm(b);
	if (na === 0 || nb === 0) return 0;
	const [small, large] = a.size <= b.size ? [a, b] : [b, a];
	let dot = 0;
	for (const [gram, c] of small) dot += c * (large.get(gram) ?? 0);
	return dot / (na * nb);
}

/** Similarity of two texts in [0, 1]. */
export function textSimilarity(a: string, b: string): number {
	return cosine(bigramCounts(a), bigramCounts(b));
}

export interface Comparable {
	id: string;
	/** Department (課) the item comes from. */
	departmentId: string | null;
	text: string;
}

export interface SimilarPair {
	a: string;
	b: string;
	score: number;
}

/**
 * Pairs of items from different departments whose texts look alike, most similar first.
 * Items from the same department are not suggested: linking across departments is the point.
 */
export function similarAcrossDepartments(items: Comparable[], threshold = 0.35): SimilarPair[] {
	const vectors = items.map((it) => ({ it, v: bigramCounts(it.text) }));
	const pairs: SimilarPair[] = [];
	for (let i = 0; i < vectors.length; i++) {
		for (let j = i + 1; j < vectors.length; j++) {
			const x = vectors[i]!;
			const y = vectors[j]!;
			if (x.it.departmentId !== null && x.it.departmentId === y.it.departmentId) continue;
			const score = cosine(x.v, y.v);
			if (score >= threshold) pairs.push({ a: x.it.id, b: y.it.id, score });
		}
	}
	return pairs.sort((p, q) => q.score - p.score || p.a.localeCompare(q.a) || p.b.localeCompare(q.b));
}

/** Percentiles and the median-and-spread of repeated runs. */

/** p50/p95/p99/max/mean of a list of numbers (ms); nulls when empty. */
export function summarize(values) {
	if (values.length === 0) return { n: 0, p50: null, p95: null, p99: null, max: null, mean: null };
	const sorted = Float64Array.from(values).sort();
	const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
	let sum = 0;
	for (const v of sorted) sum += v;
	return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1], mean: sum / sorted.length };
}

/** The median of repeated measurements and their spread (min–max). */
export function medianOf(values) {
	const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
	if (v.length === 0) return null;
	const mid = Math.floor(v.length / 2);
	const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
	return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

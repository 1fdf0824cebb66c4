// A worker for upload-pool.spec.ts that misbehaves on request: it spins past any time limit,
// or grows its heap until the limit kills it. Each answers like a registry task would.
export default function run({ kind, input }) {
	if (kind === 'echo') return { ok: true, value: input };
	if (kind === 'spin') {
		const until = Date.now() + input.ms;
		while (Date.now() < until);
		return { ok: true, value: 'spun' };
	}
	if (kind === 'hog') {
		const held = [];
		for (;;) held.push(new Array(1_000_000).fill(held.length));
	}
	if (kind === 'throw') throw new Error('broken');
	throw new Error(`unknown kind ${kind}`);
}

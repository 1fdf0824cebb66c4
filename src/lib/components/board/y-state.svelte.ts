/**
 * A value read from a Yjs type and kept current: re-read on every change inside it (observeDeep).
 * Call during component initialisation; `target` may change (an undone deletion brings back a
 * new map under the same id), and the observer follows it.
 */
import type * as Y from 'yjs';

export function deepState<T extends Y.AbstractType<any>, V>(
	target: () => T | undefined,
	read: (t: T) => V,
	fallback: V
): { readonly current: V } {
	const initial = target();
	let current = $state.raw<V>(initial ? read(initial) : fallback);
	$effect.pre(() => {
		const t = target();
		if (!t) {
			current = fallback;
			return;
		}
		current = read(t);
		const reread = () => {
			current = read(t);
		};
		t.observeDeep(reread);
		return () => t.unobserveDeep(reread);
	});
	return {
		get current() {
			return current;
		}
	};
}

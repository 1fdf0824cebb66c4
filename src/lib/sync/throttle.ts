/**
 * Calls `fn` at most once per `ms`: the first call runs at once, later calls within the window
 * are folded into one trailing call with the latest arguments. No DOM.
 */
export interface Throttled<A extends unknown[]> {
	(...args: A): void;
	/** Runs a pending trailing call now. */
	flush(): void;
	/** Drops a pending trailing call. */
	cancel(): void;
}

export function throttle<A extends unknown[]>(fn: (...args: A) => void, ms: number): Throttled<A> {
	let last = -Infinity;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let pending: A | undefined;

	const run = () => {
		timer = undefined;
		if (!pending) return;
		const args = pending;
		pending = undefined;
		last = Date.now();
		fn(...args);
	};

	const throttled = ((...args: A) => {
		pending = args;
		const wait = last + ms - Date.now();
		if (wait <= 0 && timer === undefined) run();
		else timer ??= setTimeout(run, Math.max(0, wait));
	}) as Throttled<A>;
	throttled.flush = () => {
		if (timer !== undefined) clearTimeout(timer);
		run();
	};
	throttled.cancel = () => {
		if (timer !== undefined) clearTimeout(timer);
		timer = undefined;
		pending = undefined;
	};
	return throttled;
}

// Paged.js ships no types: the few parts the print view uses (see paged-print.ts).
declare module 'pagedjs' {
	export class Handler {
		constructor(chunker: unknown, polisher: unknown, caller: unknown);
	}
	export class Previewer {
		preview(content: string | Node, stylesheets: Array<string | Record<string, string>>, renderTo: HTMLElement): Promise<{ total: number; performance: number }>;
	}
	export function registerHandlers(...handlers: Array<typeof Handler>): void;
}

/**
 * A bystander for the flood scenario: one person typing into their own card (an `Editor` of the
 * board fixture) over a plain websocket, timing each keystroke to its echo — the server relays
 * every stored update to its author too (the reference server as well), so the echo is the
 * round trip a person feels. The clock an echo reaches is read from the relayed update itself
 * (`Y.parseUpdateMeta`), which works whether or not the server merged it with other updates.
 */
import WebSocket from 'ws';
import { updateMessage } from './light-client.mjs';

export class Bystander {
	/**
	 * @param {{ url: string, headers: Record<string,string>, editor: any, Y: any }} options
	 */
	constructor({ url, headers, editor, Y }) {
		this.editor = editor;
		this.Y = Y;
		this.sentAt = new Map();
		/** @type {Array<{ at: number, ms: number }>} */
		this.samples = [];
		this.echoed = 0;
		this.closeCode = null;
		this.ws = new WebSocket(url, { headers, perMessageDeflate: false });
		this.ws.on('message', (data) => this.#onMessage(new Uint8Array(data)));
		this.ws.on('close', (code) => (this.closeCode = code));
		this.ws.on('error', () => {});
	}

	async open() {
		await new Promise((resolve, reject) => this.ws.once('open', resolve).once('error', reject));
		this.ws.send(updateMessage(this.editor.createUpdate));
		const deadline = performance.now() + 10_000;
		while (this.echoed < this.editor.clock) {
			if (performance.now() > deadline) throw new Error('the bystander’s card was not echoed');
			await new Promise((r) => setTimeout(r, 10));
		}
	}

	get allEchoed() {
		return this.echoed >= this.editor.clock;
	}

	type() {
		if (this.ws.readyState !== WebSocket.OPEN) return;
		const clock = this.editor.clock;
		const update = this.editor.next();
		this.sentAt.set(clock, performance.now());
		this.ws.send(updateMessage(update));
	}

	/** Round trips of the keystrokes sent in [from, to). */
	between(from, to) {
		return this.samples.filter((s) => s.at >= from && s.at < to).map((s) => s.ms);
	}

	close() {
		this.ws.terminate();
	}

	#onMessage(bytes) {
		// [sync, update | step2, update]
		if (bytes[0] !== 0 || (bytes[1] !== 2 && bytes[1] !== 1)) return;
		let update;
		try {
			let pos = 2;
			let length = 0;
			let shift = 0;
			for (;;) {
				const b = bytes[pos++];
				length += (b & 0x7f) * 2 ** shift;
				shift += 7;
				if (b < 0x80) break;
			}
			update = bytes.subarray(pos, pos + length);
		} catch {
			return;
		}
		const to = this.Y.parseUpdateMeta(update).to.get(this.editor.clientId) ?? 0;
		if (to <= this.echoed) return;
		const now = performance.now();
		for (let clock = this.echoed; clock < to; clock++) {
			const sent = this.sentAt.get(clock);
			if (sent !== undefined) this.samples.push({ at: sent, ms: now - sent });
		}
		this.echoed = to;
	}
}

/**
 * Which authenticated user writes under which Yjs client id, per document.
 *
 * Yjs names every change by the random client id of the document copy that made it, and a peer
 * may put any client id into the updates it sends. So that "who wrote this" can be trusted (the
 * edit history attributes changes through it), the first user who adds content under a client
 * id is bound to it (`document_client`, stored in the same transaction as that update), and an
 * update adding content under a client id bound to someone else is refused.
 *
 * One honest case sends other people's content: after the server was restored from a backup,
 * browsers resend in their sync step 2 everything the server lost, whoever wrote it. While a
 * recovery window is open (see `RecoveryWindow`), a sync step 2 may therefore add content under
 * client ids bound before the restore (or bound during it, as restored) to someone else; that
 * content is accepted and recorded as restored by the sender (the update row carries the sender
 * and `restored`), the binding stays with its owner. Client ids first seen in such a step 2 are
 * bound to the sender, marked as restored: their true author is unknowable.
 */

export interface ClientBinding {
	userId: string;
	/** When it was bound (ms). */
	since: number;
	/** Bound from a resend during a recovery window: the sender restored it, may not have written it. */
	restored: boolean;
}

/** How a peer's update reached the server. */
export interface Sender {
	userId: string;
	/** The update came as a sync step 2 (a resend of what the server lacks), not as a live update. */
	step2: boolean;
}

export interface Recovery {
	/** When the restored database was first started (ms); bindings older than this predate the restore. */
	since: number;
}

export type Admission =
	| {
			ok: true;
			/** Client ids to bind to the sender with this update (not yet bound to anyone). */
			newClients: number[];
			/** The update carries content accepted as a resend after a restore (see above). */
			restored: boolean;
	  }
	| { ok: false; clientId: number; ownerId: string | null };

/** The owner recorded for the server's own client id (never a user). */
const SERVER = '';

export class ClientBindings {
	readonly #bindings: Map<number, ClientBinding>;

	constructor(initial: Iterable<[number, ClientBinding]> = []) {
		this.#bindings = new Map(initial);
	}

	get size(): number {
		return this.#bindings.size;
	}

	ownerOf(clientId: number): string | null | undefined {
		const binding = this.#bindings.get(clientId);
		return binding === undefined ? undefined : binding.userId === SERVER ? null : binding.userId;
	}

	/** Keeps a client id for the server's own changes (never stored, never admitted to a peer). */
	reserveForServer(clientId: number): void {
		this.#bindings.set(clientId, { userId: SERVER, since: 0, restored: false });
	}

	/**
	 * Whether `sender` may add content under `clients` (the client ids its update writes). Changes
	 * nothing; call `bind` once the update is applied.
	 */
	admit(clients: readonly number[], sender: Sender, recovery: Recovery | null): Admission {
		const newClients: number[] = [];
		let restored = false;
		const resending = recovery !== null && sender.step2;
		for (const clientId of clients) {
			const binding = this.#bindings.get(clientId);
			if (binding === undefined) {
				newClients.push(clientId);
				if (resending) restored = true;
			} else if (binding.userId !== sender.userId) {
				const resendable =
					resending && binding.userId !== SERVER && (binding.since < recovery.since || binding.restored);
				if (!resendable) return { ok: false, clientId, ownerId: binding.userId === SERVER ? null : binding.userId };
				restored = true;
			}
		}
		return { ok: true, newClients, restored };
	}

	bind(clients: readonly number[], userId: string, restored: boolean, now: number): void {
		for (const clientId of clients) {
			if (!this.#bindings.has(clientId)) this.#bindings.set(clientId, { userId, since: now, restored });
		}
	}
}

import { describe, expect, it } from 'vitest';
import { ClientBindings } from './client-bindings';

const live = (userId: string) => ({ userId, step2: false });
const resend = (userId: string) => ({ userId, step2: true });

describe('ClientBindings', () => {
	it('binds unbound client ids to the first user who writes under them', () => {
		const bindings = new ClientBindings();
		expect(bindings.admit([1, 2], live('alice'), null)).toEqual({ ok: true, newClients: [1, 2], restored: false });
		bindings.bind([1, 2], 'alice', false, 1000);
		expect(bindings.ownerOf(1)).toBe('alice');
		expect(bindings.admit([1, 2], live('alice'), null)).toEqual({ ok: true, newClients: [], restored: false });
	});

	it("refuses content under another user's client id, naming it", () => {
		const bindings = new ClientBindings([[1, { userId: 'alice', since: 1000, restored: false }]]);
		expect(bindings.admit([7, 1], live('bob'), null)).toEqual({ ok: false, clientId: 1, ownerId: 'alice' });
		// a resend is no excuse while no recovery window is open
		expect(bindings.admit([1], resend('bob'), null)).toMatchObject({ ok: false });
	});

	it("refuses content under the server's own client id", () => {
		const bindings = new ClientBindings();
		bindings.reserveForServer(42);
		expect(bindings.admit([42], resend('bob'), { since: 0 })).toEqual({ ok: false, clientId: 42, ownerId: null });
		expect(bindings.ownerOf(42)).toBeNull();
	});

	describe('during the recovery window after a restore from backup', () => {
		const recovery = { since: 5000 };

		it("accepts a resend of content under client ids bound before the restore, as restored by the sender", () => {
			const bindings = new ClientBindings([[1, { userId: 'alice', since: 1000, restored: false }]]);
			expect(bindings.admit([1], resend('bob'), recovery)).toEqual({ ok: true, newClients: [], restored: true });
			expect(bindings.ownerOf(1)).toBe('alice');
		});

		it('still refuses live updates under them, and anything under client ids bound since the restore', () => {
			const bindings = new ClientBindings([
				[1, { userId: 'alice', since: 1000, restored: false }],
				[2, { userId: 'alice', since: 6000, restored: false }]
			]);
			expect(bindings.admit([1], live('bob'), recovery)).toMatchObject({ ok: false, clientId: 1 });
			expect(bindings.admit([2], resend('bob'), recovery)).toMatchObject({ ok: false, clientId: 2 });
		});

		it('binds client ids first seen in a resend to the sender, marked as restored; others may resend them too', () => {
			const bindings = new ClientBindings();
			expect(bindings.admit([3], resend('bob'), recovery)).toEqual({ ok: true, newClients: [3], restored: true });
			bindings.bind([3], 'bob', true, 6000);
			expect(bindings.admit([3], resend('carol'), recovery)).toEqual({ ok: true, newClients: [], restored: true });
			expect(bindings.admit([3], live('carol'), recovery)).toMatchObject({ ok: false });
		});
	});
});

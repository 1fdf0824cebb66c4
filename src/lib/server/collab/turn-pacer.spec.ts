import { describe, expect, it, vi } from 'vitest';
import { TurnPacer } from './turn-pacer';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TurnPacer', () => {
	it('runs one queued task per turn of the event loop, in order', async () => {
		const pacer = new TurnPacer();
		const ran: number[] = [];
		for (let i = 0; i < 3; i++) pacer.run(() => ran.push(i));
		expect(ran).toEqual([]);
		await nextTurn();
		expect(ran).toEqual([0]);
		await nextTurn();
		expect(ran).toEqual([0, 1]);
		await nextTurn();
		expect(ran).toEqual([0, 1, 2]);
		expect(pacer.pending).toBe(0);
	});

	it('lets due timers run between two tasks', async () => {
		const pacer = new TurnPacer();
		const order: string[] = [];
		pacer.run(() => {
			order.push('task 1');
			setTimeout(() => order.push('timer'), 0);
			const end = Date.now() + 5; // a heavy task: the timer is due when it ends
			while (Date.now() < end);
		});
		pacer.run(() => order.push('task 2'));
		await new Promise((r) => setTimeout(r, 20));
		expect(order.indexOf('timer')).toBeLessThan(order.indexOf('task 2'));
	});

	it('logs a task that throws and keeps going', async () => {
		vi.stubEnv('LOG_LEVEL', 'silent');
		const pacer = new TurnPacer();
		const ran: string[] = [];
		pacer.run(() => {
			throw new Error('boom');
		});
		pacer.run(() => ran.push('after'));
		await new Promise((r) => setTimeout(r, 20));
		expect(ran).toEqual(['after']);
		vi.unstubAllEnvs();
	});

	it('turn() resolves in a later turn, after what was queued before', async () => {
		const pacer = new TurnPacer();
		const order: string[] = [];
		pacer.run(() => order.push('first'));
		await pacer.turn();
		order.push('awaited');
		expect(order).toEqual(['first', 'awaited']);
	});
});

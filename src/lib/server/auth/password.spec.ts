import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password';

describe('passwords', () => {
	it('hash with argon2id at m=19456 KiB, t=2, p=1 and a random salt', async () => {
		const a = await hashPassword('正しい馬の電池ホチキス');
		const b = await hashPassword('正しい馬の電池ホチキス');
		expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(a).not.toBe(b);
	});

	it('verify the right password and refuse a wrong one or a broken hash', async () => {
		const hash = await hashPassword('correct horse battery');
		expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
		expect(await verifyPassword(hash, 'correct horse batterY')).toBe(false);
		expect(await verifyPassword('not-a-hash', 'correct horse battery')).toBe(false);
	});

	it('treat full-width and half-width input alike (NFKC)', async () => {
		const hash = await hashPassword('Passw0rd!');
		expect(await verifyPassword(hash, 'Ｐａｓｓｗ０ｒｄ！')).toBe(true);
	});

	it('must be 8 to 128 characters', () => {
		expect(checkPasswordPolicy('1234567')).toBe('too_short');
		expect(checkPasswordPolicy('12345678')).toBeNull();
		expect(checkPasswordPolicy('x'.repeat(128))).toBeNull();
		expect(checkPasswordPolicy('x'.repeat(129))).toBe('too_long');
		// counted in characters, not bytes
		expect(checkPasswordPolicy('あいうえおかきく')).toBeNull();
	});
});

/** Password hashing with argon2id (OWASP minimum: m=19456 KiB, t=2, p=1). */
import { hash, verify } from '@node-rs/argon2';

const ARGON2_OPTIONS = {
	algorithm: 2, // Algorithm.Argon2id (const enum; written out for isolatedModules)
	memoryCost: 19456,
	timeCost: 2,
	parallelism: 1,
	outputLen: 32
} as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export type PasswordProblem = 'too_short' | 'too_long';

export function checkPasswordPolicy(password: string): PasswordProblem | null {
	const length = [...password].length;
	if (length < PASSWORD_MIN) return 'too_short';
	if (length > PASSWORD_MAX) return 'too_long';
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password.normalize('NFKC'), ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password.normalize('NFKC'));
	} catch {
		return false;
	}
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
	dummyHash ??= hashPassword('dummy-password-for-timing');
	return dummyHash;
}

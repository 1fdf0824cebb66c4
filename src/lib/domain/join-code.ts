/**
 * Short join codes for boards, shown on the projector. Phones usually cannot reach the closed
 * network and a 26-character board address is too long to copy from a wall, so staff sign in on
 * their laptops and type a six-character code at /j instead. The code is derived from the board's
 * id (no table to keep in step): six letters from an alphabet without look-alikes (no 0/O, 1/I/L),
 * read back leniently (full-width, lower case, spaces and hyphens are all accepted). It only finds
 * boards the signed-in person may open anyway; the board page still authorises as always.
 */
import { sha256 } from '@oslojs/crypto/sha2';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;

/** The board's join code, e.g. `K7P2QX`. */
export function joinCodeFor(documentId: string): string {
	const digest = sha256(new TextEncoder().encode(`board:${documentId}`));
	let code = '';
	for (let i = 0; i < JOIN_CODE_LENGTH; i++) code += ALPHABET[digest[i]! % ALPHABET.length];
	return code;
}

/** A code as people type it (ｋ７ｐ-２ｑｘ, "k7p 2qx"), normalised; null when it cannot be a code. */
export function normaliseJoinCode(input: string): string | null {
	const code = input.normalize('NFKC').toUpperCase().replace(/[\s\-‐－ー]/g, '');
	if (code.length !== JOIN_CODE_LENGTH) return null;
	return [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

/** For display on the projector: two groups of three, easier to read from the back of a room. */
export function formatJoinCode(code: string): string {
	return `${code.slice(0, 3)} ${code.slice(3)}`;
}

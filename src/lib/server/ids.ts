/** Random identifiers for rows and documents: 128 bits, URL-safe. */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

export function newId(): string {
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export const ID_PATTERN = /^[a-z2-7]{26}$/;

/**
 * Form-action helpers: validate FormData with zod and answer `fail(400, …)` in one shape that
 * every page renders the same way: `{ action, message, fieldErrors, values }`.
 */
import { fail } from '@sveltejs/kit';
import { z } from 'zod';

export type FieldErrors = Record<string, string[] | undefined>;

/** The string fields of a form (files and repeated keys ignored; the first value wins). */
export function formFields(data: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of data.entries()) {
		if (typeof value === 'string' && !(key in out)) out[key] = value;
	}
	return out;
}

export type Parsed<T> =
	| { ok: true; data: T; values: Record<string, string> }
	| { ok: false; fieldErrors: FieldErrors; values: Record<string, string> };

/** Validates the form against `schema`; field errors are keyed by field name. */
export function parseForm<S extends z.ZodType>(schema: S, data: FormData): Parsed<z.output<S>> {
	const values = formFields(data);
	const result = schema.safeParse(values);
	if (result.success) return { ok: true, data: result.data, values };
	return { ok: false, fieldErrors: z.flattenError(result.error).fieldErrors as FieldErrors, values };
}

/** Values safe to send back to refill a form: never passwords. */
export function echoValues(values: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(values)) {
		if (!/password|token/i.test(k)) out[k] = v;
	}
	return out;
}

/** What every failed form action answers. */
export interface FormFailure {
	action: string;
	message: string;
	fieldErrors: FieldErrors;
	values: Record<string, string>;
}

/** A failed form action: a summary message and what is wrong with each field. */
export function failure(
	status: number,
	action: string,
	message: string,
	fieldErrors: FieldErrors = {},
	values: Record<string, string> = {}
) {
	const data: FormFailure = { action, message, fieldErrors, values: echoValues(values) };
	return fail(status, data);
}

/** A 400 answer for a form whose input was not valid. */
export function invalid(
	action: string,
	message: string,
	fieldErrors: FieldErrors = {},
	values: Record<string, string> = {}
) {
	return failure(400, action, message, fieldErrors, values);
}

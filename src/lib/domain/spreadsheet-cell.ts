/**
 * Spreadsheet formula injection: a cell whose text starts with =, +, -, @, a tab or a carriage
 * return may be run as a formula (or DDE command) by Excel or LibreOffice when a CSV or workbook
 * is opened. Every spreadsheet and CSV export passes its text cells through `neutraliseCell`,
 * which prefixes such text with an apostrophe; importers of our own files undo it with
 * `restoreCell`. Numbers are written as numbers and never pass through here.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The text a neutralised cell stood for (only an apostrophe we added is removed). */
export function restoreCell(value: string): string {
	return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

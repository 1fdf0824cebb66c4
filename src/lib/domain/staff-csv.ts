/**
 * The staff list CSV that administrators import: decoding (UTF-8 with or without BOM, Shift_JIS),
 * header recognition (English or Japanese), and validation of each row. Pure: problems are
 * returned as codes with the row number and column, and the page turns them into messages.
 *
 * Columns (any order, extra columns ignored):
 *   name        氏名 / 名前                       required
 *   login id    ログインID                        required; letters, digits, . _ - @ (2–64)
 *   department  課 / 所属課                        required
 *   section     係 / 所属係                        optional
 *   rank        職位 / 役職                        係員 係長 課長 その他 | clerk chief manager other
 *   role        権限                              管理者 ファシリテーター メンバー 閲覧者 |
 *                                                admin facilitator member observer; empty = member
 */
import Papa from 'papaparse';
import { neutraliseCell } from './spreadsheet-cell';

export const STAFF_RANKS = ['clerk', 'chief', 'manager', 'other'] as const;
export type StaffRank = (typeof STAFF_RANKS)[number];
export const ROLES = ['admin', 'facilitator', 'member', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export type StaffColumn = 'name' | 'loginId' | 'department' | 'section' | 'rank' | 'role';
export const STAFF_COLUMNS: readonly StaffColumn[] = [
	'name',
	'loginId',
	'department',
	'section',
	'rank',
	'role'
];

/** The heading written in the Japanese template for each column. */
export const STAFF_COLUMN_HEADINGS: Record<StaffColumn, string> = {
	name: '氏名',
	loginId: 'ログインID',
	department: '課',
	section: '係',
	rank: '職位',
	role: '権限'
};

export const MAX_IMPORT_ROWS = 2000;
/** Below adapter-node's default request body limit (512 KB), with room for the form around it. */
export const MAX_IMPORT_BYTES = 256 * 1024;
export const NAME_MAX = 100;
export const ORG_UNIT_NAME_MAX = 100;

/** Accepted headings, compared after normalising (NFKC, lower case, no spaces or _ - ・). */
const HEADER_ALIASES: Record<StaffColumn, readonly string[]> = {
	name: ['name', 'displayname', 'fullname', '氏名', '名前', '職員名', '表示名'],
	loginId: ['loginid', 'login', 'userid', 'username', 'ログインid', 'ユーザーid', 'ログイン名'],
	department: ['department', 'dept', '課', '所属課', '課名', '部署', '所属'],
	section: ['section', '係', '所属係', '係名', '担当'],
	rank: ['rank', '職位', '役職', '職級'],
	role: ['role', '権限', 'ロール', '役割']
};

const RANK_ALIASES: Record<string, StaffRank> = {
	係員: 'clerk',
	係長: 'chief',
	課長: 'manager',
	その他: 'other',
	clerk: 'clerk',
	chief: 'chief',
	manager: 'manager',
	other: 'other'
};

const ROLE_ALIASES: Record<string, Role> = {
	管理者: 'admin',
	ファシリテーター: 'facilitator',
	ファシリテータ: 'facilitator',
	メンバー: 'member',
	参加者: 'member',
	閲覧者: 'observer',
	admin: 'admin',
	facilitator: 'facilitator',
	member: 'member',
	observer: 'observer'
};

export const LOGIN_ID_PATTERN = /^[a-z0-9][a-z0-9._@-]{1,63}$/;

/** Login ids are compared in one form: NFKC (full-width → ASCII), trimmed, lower case. */
export function normalizeLoginId(raw: string): string {
	return raw.normalize('NFKC').trim().toLowerCase();
}

export type StaffCsvProblem =
	| 'empty_file'
	| 'too_many_rows'
	| 'missing_column'
	| 'duplicate_column'
	| 'malformed'
	| 'required'
	| 'too_long'
	| 'login_id_format'
	| 'duplicate_login_id'
	| 'rank_invalid'
	| 'role_invalid'
	/** Found against the database, not in the file: the importing admin's own role would change. */
	| 'self_role_change';

export interface StaffCsvIssue {
	/** Row number as a spreadsheet shows it: the header is row 1, the first person row 2. */
	row: number;
	column: StaffColumn | null;
	problem: StaffCsvProblem;
	/** The offending value, or for duplicate_login_id the row it repeats, or the limit. */
	value?: string;
}

export interface StaffCsvRow {
	row: number;
	name: string;
	loginId: string;
	department: string;
	section: string;
	rank: StaffRank;
	role: Role;
}

export interface StaffCsvResult {
	/** Valid rows (all of them only when `issues` is empty). */
	rows: StaffCsvRow[];
	issues: StaffCsvIssue[];
	/** Number of person rows read (blank lines not counted). */
	rowCount: number;
}

/**
 * Bytes of an uploaded file to text: a UTF-8 BOM is removed; bytes that are not valid UTF-8
 * are read as Shift_JIS (Excel's "CSV" on Japanese Windows).
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
	let body = bytes;
	if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(body);
	} catch {
		return new TextDecoder('shift_jis').decode(body);
	}
}

function normalizeHeading(raw: string): string {
	return raw
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[\s_\-・]/g, '');
}

function columnOf(heading: string): StaffColumn | undefined {
	const key = normalizeHeading(heading);
	for (const column of STAFF_COLUMNS) {
		if (HEADER_ALIASES[column].includes(key)) return column;
	}
	return undefined;
}

const cellKey = (raw: string) => raw.normalize('NFKC').trim().toLowerCase();

/** Parses and validates the staff CSV text. Never throws on bad input. */
export function parseStaffCsv(text: string): StaffCsvResult {
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	const parsed = Papa.parse<string[]>(source, { header: false, skipEmptyLines: false });
	const issues: StaffCsvIssue[] = [];
	const rows: StaffCsvRow[] = [];

	for (const e of parsed.errors) {
		// A missing trailing newline or an odd delimiter guess is not worth reporting.
		if (e.type === 'Delimiter') continue;
		if (e.code === 'TooFewFields' || e.code === 'TooManyFields') continue;
		issues.push({ row: (e.row ?? 0) + 1, column: null, problem: 'malformed' });
	}

	const lines = parsed.data;
	const headerIndex = lines.findIndex((cells) => cells.some((c) => c.trim() !== ''));
	if (headerIndex < 0) {
		return { rows, issues: [{ row: 1, column: null, problem: 'empty_file' }], rowCount: 0 };
	}

	const header = lines[headerIndex]!;
	const positions = new Map<StaffColumn, number>();
	header.forEach((heading, index) => {
		const column = columnOf(heading);
		if (!column) return;
		if (positions.has(column)) {
			issues.push({ row: headerIndex + 1, column, problem: 'duplicate_column', value: heading.trim() });
		} else {
			positions.set(column, index);
		}
	});
	for (const column of ['name', 'loginId', 'department', 'rank'] as const) {
		if (!positions.has(column)) {
			issues.push({ row: headerIndex + 1, column, problem: 'missing_column' });
		}
	}
	if (issues.some((i) => i.problem === 'missing_column' || i.problem === 'duplicate_column')) {
		return { rows, issues, rowCount: 0 };
	}

	const firstRowOfLoginId = new Map<string, number>();
	let rowCount = 0;

	for (let index = headerIndex + 1; index < lines.length; index++) {
		const cells = lines[index]!;
		if (cells.every((c) => c.trim() === '')) continue;
		rowCount++;
		const row = index + 1;
		if (rowCount > MAX_IMPORT_ROWS) {
			issues.push({ row, column: null, problem: 'too_many_rows', value: String(MAX_IMPORT_ROWS) });
			break;
		}
		const cell = (column: StaffColumn) => {
			const at = positions.get(column);
			return at === undefined ? '' : (cells[at] ?? '').trim();
		};
		const rowIssues: StaffCsvIssue[] = [];
		const problem = (column: StaffColumn, p: StaffCsvProblem, value?: string) =>
			rowIssues.push({ row, column, problem: p, ...(value === undefined ? {} : { value }) });

		const name = cell('name');
		if (!name) problem('name', 'required');
		else if ([...name].length > NAME_MAX) problem('name', 'too_long', String(NAME_MAX));

		const rawLoginId = cell('loginId');
		const loginId = normalizeLoginId(rawLoginId);
		if (!loginId) problem('loginId', 'required');
		else if (!LOGIN_ID_PATTERN.test(loginId)) problem('loginId', 'login_id_format', rawLoginId);
		else {
			const first = firstRowOfLoginId.get(loginId);
			if (first !== undefined) problem('loginId', 'duplicate_login_id', String(first));
			else firstRowOfLoginId.set(loginId, row);
		}

		const department = cell('department');
		if (!department) problem('department', 'required');
		else if ([...department].length > ORG_UNIT_NAME_MAX)
			problem('department', 'too_long', String(ORG_UNIT_NAME_MAX));

		const section = cell('section');
		if ([...section].length > ORG_UNIT_NAME_MAX)
			problem('section', 'too_long', String(ORG_UNIT_NAME_MAX));

		const rawRank = cell('rank');
		const rank = RANK_ALIASES[cellKey(rawRank)];
		if (!rawRank) problem('rank', 'required');
		else if (!rank) problem('rank', 'rank_invalid', rawRank);

		const rawRole = cell('role');
		const role: Role | undefined = rawRole ? ROLE_ALIASES[cellKey(rawRole)] : 'member';
		if (!role) problem('role', 'role_invalid', rawRole);

		if (rowIssues.length > 0 || !rank || !role) {
			issues.push(...rowIssues);
			continue;
		}
		rows.push({ row, name, loginId, department, section, rank, role });
	}

	if (rowCount === 0 && issues.length === 0) {
		issues.push({ row: headerIndex + 2, column: null, problem: 'empty_file' });
	}
	issues.sort((a, b) => a.row - b.row);
	return { rows, issues, rowCount };
}

/** A cell that a spreadsheet would not run as a formula (the one shared rule). */
const safeCell = neutraliseCell;

/** CSV (UTF-8 with BOM, for Excel) of the invitation links made by an import. */
export function invitationLinksCsv(
	links: ReadonlyArray<{ name: string; loginId: string; url: string }>
): string {
	const body = Papa.unparse({
		fields: ['氏名', 'ログインID', '招待リンク'],
		data: links.map((l) => [safeCell(l.name), safeCell(l.loginId), l.url])
	});
	return '\uFEFF' + body + '\r\n';
}

/** The template offered for download: headings and two example rows. */
export function staffCsvTemplate(): string {
	const body = Papa.unparse({
		fields: STAFF_COLUMNS.map((c) => STAFF_COLUMN_HEADINGS[c]),
		data: [
			['会津 花子', 'hanako.aizu', '総務課', '企画係', '係員', 'メンバー'],
			['美里 太郎', 'taro.misato', '産業振興課', '農政係', '係長', 'ファシリテーター']
		]
	});
	return '\uFEFF' + body + '\r\n';
}

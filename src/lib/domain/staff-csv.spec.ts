import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import {
	decodeCsvBytes,
	invitationLinksCsv,
	MAX_IMPORT_ROWS,
	normalizeLoginId,
	parseStaffCsv,
	staffCsvTemplate
} from './staff-csv';

const JAPANESE = [
	'氏名,ログインID,課,係,職位,権限',
	'会津 花子,hanako.aizu,総務課,企画係,係員,メンバー',
	'美里 太郎,taro.misato,産業振興課,農政係,係長,ファシリテーター'
].join('\r\n');

describe('parseStaffCsv', () => {
	it('reads Japanese headings and values', () => {
		const result = parseStaffCsv(JAPANESE);
		expect(result.issues).toEqual([]);
		expect(result.rowCount).toBe(2);
		expect(result.rows).toEqual([
			{
				row: 2,
				name: '会津 花子',
				loginId: 'hanako.aizu',
				department: '総務課',
				section: '企画係',
				rank: 'clerk',
				role: 'member'
			},
			{
				row: 3,
				name: '美里 太郎',
				loginId: 'taro.misato',
				department: '産業振興課',
				section: '農政係',
				rank: 'chief',
				role: 'facilitator'
			}
		]);
	});

	it('reads English headings in any order, ignores extra columns and blank lines', () => {
		const text = [
			'Role,Login ID,Name,Rank,Department,Section,Note',
			'observer,KEN.1,Ken Sato,manager,Town Planning,,visiting',
			'',
			'admin,ken.2,Ken Ito,other,Town Planning,Policy,'
		].join('\n');
		const result = parseStaffCsv(text);
		expect(result.issues).toEqual([]);
		expect(result.rows.map((r) => [r.row, r.loginId, r.role, r.rank, r.section])).toEqual([
			[2, 'ken.1', 'observer', 'manager', ''],
			[4, 'ken.2', 'admin', 'other', 'Policy']
		]);
	});

	it('accepts 役職 for the rank column, a BOM, and an empty role as member', () => {
		const text = '\uFEFF氏名,ログインID,課,役職,権限\n佐藤,sato,税務課,課長,\n';
		const result = parseStaffCsv(text);
		expect(result.issues).toEqual([]);
		expect(result.rows[0]).toMatchObject({ loginId: 'sato', rank: 'manager', role: 'member', section: '' });
	});

	it('normalises full-width login ids', () => {
		expect(normalizeLoginId(' ＴＡＮＡＫＡ．１ ')).toBe('tanaka.1');
	});

	it('reports every problem of a bad row with its row number and column', () => {
		const text = [
			'氏名,ログインID,課,係,職位,権限',
			'会津 花子,hanako.aizu,総務課,企画係,係員,メンバー',
			',bad id!,総務課,企画係,部長,王様',
			'美里 太郎,taro.misato,産業振興課,農政係,係長,ファシリテーター'
		].join('\n');
		const result = parseStaffCsv(text);
		expect(result.issues).toEqual([
			{ row: 3, column: 'name', problem: 'required' },
			{ row: 3, column: 'loginId', problem: 'login_id_format', value: 'bad id!' },
			{ row: 3, column: 'rank', problem: 'rank_invalid', value: '部長' },
			{ row: 3, column: 'role', problem: 'role_invalid', value: '王様' }
		]);
		// The good rows are still parsed (for the preview), but the caller must import nothing.
		expect(result.rows.map((r) => r.row)).toEqual([2, 4]);
	});

	it('reports a login id used twice, pointing at the first row', () => {
		const text = ['name,login id,department,rank', 'A,same,総務課,係員', 'B,SAME,総務課,係員'].join('\n');
		expect(parseStaffCsv(text).issues).toEqual([
			{ row: 3, column: 'loginId', problem: 'duplicate_login_id', value: '2' }
		]);
	});

	it('reports missing required columns on the header row', () => {
		const result = parseStaffCsv('氏名,課\n会津,総務課\n');
		expect(result.issues).toEqual([
			{ row: 1, column: 'loginId', problem: 'missing_column' },
			{ row: 1, column: 'rank', problem: 'missing_column' }
		]);
		expect(result.rows).toEqual([]);
	});

	it('reports an empty file and a file with only a header', () => {
		expect(parseStaffCsv('').issues[0]?.problem).toBe('empty_file');
		expect(parseStaffCsv('\n\n').issues[0]?.problem).toBe('empty_file');
		expect(parseStaffCsv('氏名,ログインID,課,職位\n').issues[0]?.problem).toBe('empty_file');
	});

	it('reports an unterminated quote', () => {
		const result = parseStaffCsv('氏名,ログインID,課,職位\n"会津,a1,総務課,係員\n');
		expect(result.issues.some((i) => i.problem === 'malformed')).toBe(true);
	});

	it('refuses more rows than the limit', () => {
		const lines = ['name,login id,department,rank'];
		for (let i = 0; i <= MAX_IMPORT_ROWS; i++) lines.push(`P${i},user${i},総務課,係員`);
		const result = parseStaffCsv(lines.join('\n'));
		expect(result.issues).toEqual([
			{ row: MAX_IMPORT_ROWS + 2, column: null, problem: 'too_many_rows', value: String(MAX_IMPORT_ROWS) }
		]);
	});

	it('parses its own template', () => {
		const result = parseStaffCsv(staffCsvTemplate());
		expect(result.issues).toEqual([]);
		expect(result.rows).toHaveLength(2);
	});
});

describe('decodeCsvBytes', () => {
	it('decodes UTF-8 with and without a BOM', () => {
		const utf8 = new TextEncoder().encode(JAPANESE);
		expect(decodeCsvBytes(utf8)).toBe(JAPANESE);
		const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
		expect(decodeCsvBytes(withBom)).toBe(JAPANESE);
	});

	it('decodes Shift_JIS (Excel on Japanese Windows)', () => {
		// 「氏名,課\r\n総務課」 in Shift_JIS.
		const sjis = new Uint8Array([
			0x8e, 0x81, 0x96, 0xbc, 0x2c, 0x89, 0xdb, 0x0d, 0x0a, 0x91, 0x8d, 0x96, 0xb1, 0x89, 0xdb
		]);
		expect(decodeCsvBytes(sjis)).toBe('氏名,課\r\n総務課');
	});
});

describe('invitationLinksCsv', () => {
	it('writes a BOM, Japanese headings, and defuses formula-like cells', () => {
		const csv = invitationLinksCsv([
			{ name: '=HYPERLINK("x")', loginId: 'a1', url: 'http://127.0.0.1/invite/abc' }
		]);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const rows = Papa.parse<string[]>(csv.slice(1).trim()).data;
		expect(rows[0]).toEqual(['氏名', 'ログインID', '招待リンク']);
		expect(rows[1]).toEqual(["'=HYPERLINK(\"x\")", 'a1', 'http://127.0.0.1/invite/abc']);
	});
});

/**
 * The exported Word and Excel files open in another office suite: LibreOffice (headless)
 * converts each to PDF and back to text or a fresh .xlsx, and the content survives. A file that
 * needs repairing fails to convert. Skips with a message when LibreOffice (soffice) is not
 * installed, so CI does not depend on it:
 *
 *   apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui
 *   npx vitest run --project integration tests/integration/libreoffice-open.test.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { listSheets } from '../../src/lib/collab/schema';
import { fiscalYearRange } from '../../src/lib/domain/fiscal-year';
import { ideaFromSheet } from '../../src/lib/domain/idea-transfer';
import { strategyDocument } from '../../src/lib/domain/strategy-document';
import { strategyDocx } from '../../src/lib/server/export/docx';
import { ideasWorkbook } from '../../src/lib/server/export/xlsx-ideas';
import { kpiWorkbook } from '../../src/lib/server/export/xlsx-kpi';
import { FORMULA_TEXT, SAMPLE_INFO, sampleBoard, sampleDraft } from '../../src/lib/server/export/testing/sample';

function findOffice(): string | null {
	for (const name of ['soffice', 'libreoffice']) {
		const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
		if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
	}
	return null;
}

const office = findOffice();
if (!office) console.warn('LibreOffice (soffice) is not installed: skipping the check that exports open in it.');

const dir = mkdtempSync(join(tmpdir(), 'dsw-lo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Converts `file` with LibreOffice headless; returns the output path. */
function convert(file: string, to: string, outDir: string): string {
	execFileSync(
		office!,
		[`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', to, '--outdir', outDir, file],
		{ timeout: 120_000, stdio: 'pipe' }
	);
	const base = file.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
	const ext = to.split(':')[0]!;
	const out = join(outDir, `${base}.${ext}`);
	if (!existsSync(out)) throw new Error(`LibreOffice did not write ${out}`);
	return out;
}

describe.skipIf(!office)('exports open in LibreOffice', () => {
	it('converts the Word draft to PDF and to text with every heading', async () => {
		const doc = strategyDocument(sampleDraft(), SAMPLE_INFO);
		const docx = join(dir, 'strategy.docx');
		writeFileSync(docx, await strategyDocx(doc));
		const pdf = convert(docx, 'pdf', join(dir, 'pdf'));
		expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
		expect(statSync(pdf).size).toBeGreaterThan(10_000);
		const text = readFileSync(convert(docx, 'txt:Text', join(dir, 'txt')), 'utf8');
		// heading numbers come from Word's numbering list: LibreOffice writes them with the list's
		// separator (a full-width space and a tab) before the heading's own text
		const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		for (const b of doc.blocks) {
			if (b.kind === 'heading') expect(text).toMatch(new RegExp(`${escape(b.number)}[\\s　]*${escape(b.text)}`));
		}
		expect(text).toContain('計画期間　令和7年度（2025年度）〜令和11年度（2029年度）');
	});

	it('converts the Excel KPI list to PDF and re-saves it with the same cells, merges and print titles', async () => {
		const xlsx = join(dir, 'kpis.xlsx');
		writeFileSync(xlsx, await kpiWorkbook(sampleDraft(), SAMPLE_INFO));
		expect(readFileSync(convert(xlsx, 'pdf', join(dir, 'pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
		const resaved = convert(xlsx, 'xlsx:Calc MS Excel 2007 XML', join(dir, 'resaved'));
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.readFile(resaved);
		const ws = wb.getWorksheet('KPI一覧')!;
		expect(ws.getCell('E8').value).toBe('オンライン予約の利用率');
		expect(ws.getCell('N8').value).toBe(1200);
		// still text, not a formula (LibreOffice writes it back as rich text, split by font)
		const d5 = ws.getCell('E9').value as { richText?: Array<{ text: string }> } | string;
		const text = typeof d5 === 'string' ? d5 : (d5.richText ?? []).map((r) => r.text).join('');
		expect(text).toBe(`'${FORMULA_TEXT}`);
		expect(ws.getCell('E9').formula).toBeUndefined();
		expect((ws.model as unknown as { merges: string[] }).merges).toEqual(expect.arrayContaining(['A7:A11', 'C8:C9']));
		expect(ws.pageSetup.printTitlesRow).toBe('1:3');
	});

	it('converts the idea sheet workbook to PDF', async () => {
		const ideas = listSheets(sampleBoard()).map((s) => ({ idea: ideaFromSheet(s), session: '係員 第2回', group: 'A班' }));
		const xlsx = join(dir, 'ideas.xlsx');
		writeFileSync(xlsx, await ideasWorkbook(ideas, fiscalYearRange(2025, 2029), { townName: 'みらい町', date: SAMPLE_INFO.date }));
		expect(readFileSync(convert(xlsx, 'pdf', join(dir, 'pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
	});
});

/**
 * The Excel exports as a council member sees them: LibreOffice renders each workbook to PDF and
 * the test reads the pages (tests/helpers/pdf-layout.ts): paper size and orientation, every goal
 * and every cell's text shown whole (not cut at a cell edge), no number or short word broken
 * over two lines, text large enough on paper, one idea per page. With UPDATE_EXPORT_IMAGES=1 it
 * also writes the page images that docs/exports.md shows. Skips with a message when LibreOffice
 * or poppler-utils is missing (.ci/run installs both).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSheets } from '../../src/lib/collab/schema';
import { addMeasureKpi, findItem, readStrategy } from '../../src/lib/collab/strategy';
import { fiscalYearRange } from '../../src/lib/domain/fiscal-year';
import { FORM_LABELS } from '../../src/lib/domain/idea-form';
import { ideaFromSheet } from '../../src/lib/domain/idea-transfer';
import { kpiTableRows } from '../../src/lib/domain/strategy-kpi-list';
import { ideasWorkbook } from '../../src/lib/server/export/xlsx-ideas';
import { kpiTitle, kpiWorkbook } from '../../src/lib/server/export/xlsx-kpi';
import { SAMPLE_INFO, sampleBoard, sampleStrategy } from '../../src/lib/server/export/testing/sample';
import {
	officeMissing,
	officeToPdf,
	overlappingWords,
	papers,
	readPdf,
	smallestText,
	splitTokens,
	textsNotShownWhole,
	tokensOf,
	updateDocsImages,
	wordsOffPage,
	type PdfLayout
} from '../helpers/pdf-layout';

if (officeMissing) console.warn(officeMissing);

const years = fiscalYearRange(SAMPLE_INFO.planStartFy, SAMPLE_INFO.planEndFy);
const timings: string[] = [];
afterAll(() => {
	if (timings.length) console.log(`export layout: ${timings.join(', ')}`);
});

/** The sample draft plus what stretches a table: a long KPI name, a 7-digit target, a minus. */
function councilDraft() {
	const doc = sampleStrategy();
	const measure = findItem(doc, 'measure', 'measure-empty')!;
	addMeasureKpi(measure, 'mk-long', {
		kind: 'outcome',
		name: '地域SNS（まちの掲示板アプリ）を週に1回以上閲覧している町民の割合（18歳以上、町民アンケートによる）',
		unit: '%',
		measurementMethod: '毎年9月の町民アンケート（無作為抽出2,000人）で「週に1回以上見る」と答えた人の割合',
		baselineValue: 12.5,
		baselineYear: 2024,
		targets: { 2025: 15, 2026: 20, 2027: 25, 2028: 30, 2029: 35 }
	});
	addMeasureKpi(measure, 'mk-big', {
		kind: 'output',
		name: '掲示板アプリの年間閲覧数',
		unit: '回',
		measurementMethod: 'アプリの管理画面',
		baselineValue: 1280000,
		baselineYear: 2024,
		targets: { 2025: 1350000, 2026: 1500000, 2029: 2000000 }
	});
	addMeasureKpi(measure, 'mk-minus', {
		kind: 'outcome',
		name: '紙の回覧板の配布部数（前年比）',
		unit: '部',
		measurementMethod: '区長への配布記録',
		direction: 'lower',
		baselineValue: 0,
		baselineYear: 2024,
		targets: { 2026: -85, 2029: -300 }
	});
	return readStrategy(doc);
}

describe.skipIf(officeMissing !== null)('Excel exports as printed pages', () => {
	const draft = councilDraft();
	const ideas = listSheets(sampleBoard()).map((s) => ({ idea: ideaFromSheet(s), session: '係員 第2回', group: 'A班', votes: 5, hints: 1 }));
	let kpis: PdfLayout;
	let ideaPages: PdfLayout;

	beforeAll(async () => {
		const started = Date.now();
		const pdfs = await officeToPdf({
			'kpis.xlsx': await kpiWorkbook(draft, SAMPLE_INFO),
			'ideas.xlsx': await ideasWorkbook(ideas, years, { townName: SAMPLE_INFO.townName, date: SAMPLE_INFO.date })
		});
		timings.push(`LibreOffice → PDF ${Date.now() - started} ms`);
		const read = Date.now();
		kpis = await readPdf(pdfs['kpis.xlsx']!);
		ideaPages = await readPdf(pdfs['ideas.xlsx']!);
		timings.push(`reading ${Date.now() - read} ms`);
		await updateDocsImages(pdfs['kpis.xlsx']!, 'kpis-xlsx');
		await updateDocsImages(pdfs['ideas.xlsx']!, 'ideas-xlsx');
	}, 240_000);

	describe('KPI list', () => {
		const rows = kpiTableRows(draft, years);

		it('prints on A3 landscape, every page', () => {
			expect(papers(kpis).every((p) => p === 'A3 landscape')).toBe(true);
		});

		it('shows every goal, measure, KPI and cell whole, nothing off the paper or drawn over', () => {
			const texts = [
				kpiTitle(SAMPLE_INFO),
				...new Set(rows.flatMap((r) => [r.goal, r.direction, r.measure, r.indicator, r.measurementMethod, r.department, r.directionMark])),
				...years.map((y) => `R${y - 2018}（${y}）`),
				'基準日・調査日',
				'結果公表日',
				'確認方法',
				'※ 累計値：基準値からの累計で示す指標です。'
			].filter(Boolean);
			for (const goal of draft.goals) expect(texts.some((t) => t.startsWith(`基本目標${goal.id}　`))).toBe(true);
			expect(textsNotShownWhole(kpis, texts)).toEqual([]);
			expect(overlappingWords(kpis)).toEqual([]);
			expect(wordsOffPage(kpis)).toEqual([]);
		});

		it('breaks no number, year or short word over two lines, and shows △ for minus', () => {
			const numbers = ['1,280,000', '1,350,000', '1,500,000', '2,000,000', '12.5', '△85', '△300', '4,200', '4,500'];
			expect(textsNotShownWhole(kpis, numbers)).toEqual([]);
			const tokens = tokensOf([...numbers, ...rows.flatMap((r) => [r.indicator, r.measurementMethod, r.department, r.unit, r.kindLabel, r.directionMark]), ...years.map((y) => `R${y - 2018}`)]);
			expect(splitTokens(kpis, tokens)).toEqual([]);
		});

		it('prints text at 8 pt or more', () => {
			const small = smallestText(kpis);
			expect(small.size, `「${small.word}」 on page ${small.page}`).toBeGreaterThanOrEqual(8);
		});
	});

	describe('idea sheets', () => {
		it('prints 一覧 on A4 landscape, then one idea per A4 portrait page', () => {
			expect(papers(ideaPages)).toEqual(['A4 landscape', ...ideas.map(() => 'A4 portrait')]);
			ideas.forEach(({ idea }, i) => expect(textsNotShownWhole({ ...ideaPages, pages: [ideaPages.pages[i + 1]!] }, [idea.title])).toEqual([]));
		});

		it('shows every label, guidance note and value of the form whole', () => {
			const first = ideas[0]!.idea;
			const texts = [
				...Object.values(FORM_LABELS),
				'①何をつかって②誰を③どういう状態にするか',
				'※係員第2回WGから転記',
				'アウトプット（施策の活動量）★役場が何をするか',
				'アウトカム（施策の直接的な効果）★上記の行政サービス等を役場が行った結果の成果',
				first.problem,
				`【住民側】${first.backgroundResidents}`,
				`【町側】${first.backgroundTown}`,
				`③${first.solutionState}`,
				'□実施済 □R7 ■R8 □R9 □R10 □R11 □R12以降',
				'■Specific（具体的な）：予約件数で測る',
				...first.outputKpis.map((k) => k.name),
				...first.outcomeKpis.map((k) => k.name),
				'目標数値（仮）',
				'※参考にした事例があれば記入'
			];
			expect(textsNotShownWhole(ideaPages, texts)).toEqual([]);
			// 一覧: each idea's row
			const summary = { ...ideaPages, pages: [ideaPages.pages[0]!] };
			expect(textsNotShownWhole(summary, ideas.flatMap(({ idea }) => [idea.title, idea.departmentName, idea.problem]))).toEqual([]);
			expect(overlappingWords(ideaPages)).toEqual([]);
			expect(wordsOffPage(ideaPages)).toEqual([]);
		});

		it('breaks no number or short word, and prints at 9 pt or more', () => {
			const tokens = tokensOf([
				...Object.values(FORM_LABELS),
				...ideas.flatMap(({ idea }) => [idea.title, idea.departmentName, ...idea.outputKpis.map((k) => k.name), ...idea.outcomeKpis.map((k) => k.name)]),
				'単位・基準値',
				'計測方法',
				'1,200',
				'30.5',
				'R10',
				'R11',
				'R12以降'
			]);
			expect(splitTokens(ideaPages, tokens)).toEqual([]);
			const small = smallestText(ideaPages);
			expect(small.size, `「${small.word}」 on page ${small.page}`).toBeGreaterThanOrEqual(9);
		});
	});
});

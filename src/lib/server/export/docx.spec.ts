/**
 * The Word export read back: unzip word/document.xml and compare headings, cover, tables and
 * page setup with the draft.
 */
import { describe, expect, it } from 'vitest';
// jszip comes with exceljs; only this test reads zips
import JSZip from 'jszip';
import { strategyDocument } from '$lib/domain/strategy-document';
import { strategyDocx } from './docx';
import { FORMULA_TEXT, SAMPLE_INFO, sampleDraft } from './testing/sample';

/** Paragraphs of a WordprocessingML body: style id and the concatenated text. */
function paragraphs(xml: string): Array<{ style: string | null; text: string }> {
	return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
		style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
		text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')
	}));
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('strategyDocx', async () => {
	const draft = sampleDraft();
	const doc = strategyDocument(draft, SAMPLE_INFO);
	const zip = await JSZip.loadAsync(await strategyDocx(doc));
	const xml = await zip.file('word/document.xml')!.async('string');
	const paras = paragraphs(xml).map((p) => ({ ...p, text: unescape(p.text) }));

	it('has every heading of the draft, numbered the municipal way, in heading styles 1–4 and in order', () => {
		const headings = paras.filter((p) => p.style && /^Heading\d$/.test(p.style));
		const expected = doc.blocks.flatMap((b) => (b.kind === 'heading' ? [{ style: `Heading${b.level}`, text: `${b.number}　${b.text}` }] : []));
		expect(headings).toEqual(expected);
		expect(headings.slice(0, 6).map((h) => h.text)).toEqual([
			'第1章　地域ビジョン',
			'第2章　基本目標1　稼ぐ力を高め、しごとをつくる',
			'第3章　基本目標2　人の流れをつくる',
			'第4章　基本目標3　結婚・出産・子育ての希望をかなえる',
			'第5章　基本目標4　魅力的な地域をつくる',
			'1　行政サービスのデジタル化'
		]);
		expect(headings.map((h) => h.text)).toContain('(1)　公共施設予約のオンライン化');
		expect(headings.map((h) => h.text)).toContain('ア　重要業績評価指標（KPI）');
		expect(headings.map((h) => h.text)).toContain('イ　主な事業');
	});

	it('starts with a cover page: town, strategy name, plan period in Reiwa, version and date', () => {
		const texts = paras.map((p) => p.text);
		const cover = texts.slice(0, 5);
		expect(cover).toEqual([
			'みらい町',
			'みらい町デジタル田園都市構想総合戦略',
			'計画期間　令和7年度（2025年度）〜令和11年度（2029年度）',
			'有識者会議提出版',
			'令和8年1月15日'
		]);
	});

	it('has a table of contents field over heading levels 1–3', async () => {
		expect(unescape(xml)).toMatch(/TOC (\\h )?\\o "1-3"/);
		expect(paras.some((p) => p.text === '目　次')).toBe(true);
		const settings = await zip.file('word/settings.xml')!.async('string');
		expect(settings).toContain('w:updateFields');
	});

	it('is A4 portrait', () => {
		expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
		expect(xml).not.toMatch(/w:orient="landscape"/);
	});

	it('writes the vision, the prose, the numeric targets, the KPI tables and the projects', () => {
		const texts = paras.map((p) => p.text);
		expect(texts).toContain('誰もが笑顔で暮らし続けられる、つながるまち');
		expect(texts).toContain('施設予約のオンライン化'); // a bullet of the direction's prose
		expect(texts).toContain('町内事業所の従業者数');
		expect(texts).toContain('4,200（R5）');
		expect(texts).toContain('オンライン予約の利用率');
		expect(texts).toContain('1,200'); // R11 target with a thousands separator
		expect(texts).toContain('30.5');
		expect(texts).toContain('予約システムの集計');
		expect(texts).toContain('窓口の平均滞在時間※');
		expect(texts).toContain('公共施設のオンライン予約（生涯学習課 社会教育係）');
		expect(texts).toContain('担当課：生涯学習課　関係課：企画政策課');
		// Word has no formulas in text: the formula-like KPI name is written as plain text
		expect(texts).toContain(FORMULA_TEXT);
		// the KPI table header repeats on every page
		expect(xml).toContain('<w:tblHeader/>');
	});
});

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
	const pages = new Map(doc.blocks.flatMap((b, i) => (b.kind === 'heading' ? [[b.anchor, 10 + i] as const] : [])));
	const zip = await JSZip.loadAsync(await strategyDocx(doc, pages));
	const xml = await zip.file('word/document.xml')!.async('string');
	const paras = paragraphs(xml).map((p) => ({ ...p, text: unescape(p.text) }));

	it('has every heading of the draft in heading styles 1–4 and in order, its number left to Word', () => {
		const headings = paras.filter((p) => p.style && /^Heading\d$/.test(p.style));
		const expected = doc.blocks.flatMap((b) => (b.kind === 'heading' ? [{ style: `Heading${b.level}`, text: b.text }] : []));
		expect(headings).toEqual(expected);
		expect(headings.slice(0, 6).map((h) => h.text)).toEqual([
			'地域ビジョン',
			'基本目標1　稼ぐ力を高め、しごとをつくる',
			'基本目標2　人の流れをつくる',
			'基本目標3　結婚・出産・子育ての希望をかなえる',
			'基本目標4　魅力的な地域をつくる',
			'行政サービスのデジタル化'
		]);
		// no typed numbers: a heading inserted in Word is numbered and renumbers the rest
		expect(headings.every((h) => !/^(第\d+章|\d+　|\(\d+\)|[アイウエオ]　)/.test(h.text))).toBe(true);
	});

	it('numbers the heading styles with one multi-level list: 第n章, n, (n), ア', async () => {
		const numbering = unescape(await zip.file('word/numbering.xml')!.async('string'));
		const styles = await zip.file('word/styles.xml')!.async('string');
		// the list whose levels are attached to Heading1–4
		const abstract = [...numbering.matchAll(/<w:abstractNum [\s\S]*?<\/w:abstractNum>/g)].map((m) => m[0]).find((a) => a.includes('第%1章'))!;
		expect(abstract).toBeTruthy();
		const levels = [...abstract.matchAll(/<w:lvl w:ilvl="(\d)"[\s\S]*?<\/w:lvl>/g)].map((m) => ({
			format: /<w:numFmt w:val="([^"]+)"/.exec(m[0])?.[1],
			text: /<w:lvlText w:val="([^"]*)"/.exec(m[0])?.[1],
			style: /<w:pStyle w:val="([^"]+)"/.exec(m[0])?.[1]
		}));
		expect(levels.slice(0, 4)).toEqual([
			{ format: 'decimal', text: '第%1章　', style: 'Heading1' },
			{ format: 'decimal', text: '%2　', style: 'Heading2' },
			{ format: 'decimal', text: '(%3)　', style: 'Heading3' },
			{ format: 'aiueoFullWidth', text: '%4　', style: 'Heading4' }
		]);
		for (const level of [1, 2, 3, 4]) {
			const style = new RegExp(`<w:style [^>]*w:styleId="Heading${level}"[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';
			expect(style).toMatch(new RegExp(`<w:numPr><w:ilvl w:val="${level - 1}"/><w:numId w:val="\\d+"/></w:numPr>`));
		}
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

	it('has a table of contents field over heading levels 1–3 whose entries carry the page numbers', async () => {
		expect(unescape(xml)).toMatch(/TOC (\\h )?\\o "1-3"/);
		expect(paras.some((p) => p.text === '目　次')).toBe(true);
		const entries = paras.filter((p) => p.style && /^TOC\d$/.test(p.style)).map((p) => p.text);
		const expected = doc.blocks.flatMap((b, i) => (b.kind === 'heading' && b.level <= 3 ? [`${b.number}　${b.text}${10 + i}`] : []));
		expect(entries).toEqual(expected);
		// written clean with its numbers: Word shows them and does not ask to update
		const settings = await zip.file('word/settings.xml')!.async('string');
		expect(settings).not.toContain('w:updateFields');
	});

	it('without page numbers, lists the entries and asks Word to update the table', async () => {
		const bare = await JSZip.loadAsync(await strategyDocx(doc));
		expect(await bare.file('word/settings.xml')!.async('string')).toContain('w:updateFields');
	});

	it('has a plain running header: strategy and version without nested brackets', async () => {
		const headers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/header\d*\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
		const texts = headers.map((h) => paragraphs(h).map((p) => p.text).join(''));
		expect(texts).toContain('みらい町デジタル田園都市構想総合戦略　有識者会議提出版');
		const bracketed = strategyDocument(draft, { ...SAMPLE_INFO, versionLabel: '素案（作業中）' });
		const z2 = await JSZip.loadAsync(await strategyDocx(bracketed));
		const h2 = await Promise.all(Object.keys(z2.files).filter((f) => /^word\/header\d*\.xml$/.test(f)).map((f) => z2.file(f)!.async('string')));
		const t2 = h2.map((h) => paragraphs(h).map((p) => p.text).join('')).join('');
		expect(t2).toContain('みらい町デジタル田園都市構想総合戦略　素案（作業中）');
		expect(t2).not.toMatch(/（[^）]*（/);
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
		expect(texts).toContain('↑ 増加');
		expect(texts).toContain('↓ 減少');
		expect(texts).toContain('アウトカム指標　計測方法：予約システムの集計');
		expect(texts).toContain('窓口の平均滞在時間※');
		expect(texts).toContain('公共施設のオンライン予約（生涯学習課 社会教育係）');
		expect(texts).toContain('担当課：生涯学習課　関係課：企画政策課');
		// Word has no formulas in text: the formula-like KPI name is written as plain text
		expect(texts).toContain(FORMULA_TEXT);
		// the KPI table header repeats on every page
		expect(xml).toContain('<w:tblHeader/>');
	});
});

/**
 * A small but complete sample for tests and the LibreOffice check: a board with two idea sheets
 * (every template field, KPIs with targets, a formula-like text) and a draft strategy that uses
 * them, built through the same schema functions as the app.
 */
import * as Y from 'yjs';
import {
	addKpi,
	addListItem,
	addSheet,
	initBoard,
	kpiText,
	setKpiCumulative,
	setKpiDirection,
	setKpiNumber,
	setKpiPair,
	setKpiTarget,
	setSheetGoal,
	setSheetTarget,
	setSheetTiming,
	setSmartChecked,
	sheetText,
	smartReason
} from '$lib/collab/schema';
import {
	addDirection,
	addMeasure,
	addMeasureKpi,
	addNumericTarget,
	addProject,
	directionText,
	findItem,
	goalTitleText,
	initStrategy,
	measureText,
	readStrategy,
	setLeadDepartment,
	setNumericTargetNumber,
	setRelatedDepartment,
	strategyVision
} from '$lib/collab/strategy';
import type { DocumentInfo } from '$lib/domain/strategy-document';

export const SAMPLE_INFO: DocumentInfo = {
	townName: 'みらい町',
	strategyName: 'みらい町デジタル田園都市構想総合戦略',
	planStartFy: 2025,
	planEndFy: 2029,
	versionLabel: '有識者会議提出版',
	date: Date.UTC(2026, 0, 15, 3, 0)
};

/** A text a spreadsheet would run as a formula: every export must neutralise it. */
export const FORMULA_TEXT = '=HYPERLINK("http://example.invalid","押して")';

let counter = 0;
export const sampleId = () => `id${String(++counter).padStart(6, '0')}`;

export function sampleBoard(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, 'A班');
	const s1 = addSheet(doc, { id: 'sheet-booking', authorId: 'u1', authorName: '山本 拓也', departmentName: '生涯学習課 社会教育係', title: '公共施設のオンライン予約' });
	sheetText(s1, 'problem').insert(0, '公民館・体育館の予約が紙の申請書のみで、空き状況は電話しないとわからない');
	sheetText(s1, 'backgroundResidents').insert(0, '平日の開庁時間に来庁できない');
	sheetText(s1, 'backgroundTown').insert(0, '電話対応と台帳の転記に時間がかかる');
	sheetText(s1, 'targetNote').insert(0, 'サークル・スポーツ少年団');
	sheetText(s1, 'solutionMeans').insert(0, 'オンライン予約システムで');
	sheetText(s1, 'solutionWhom').insert(0, '施設を利用する町民を');
	sheetText(s1, 'solutionState').insert(0, 'いつでも空き状況を確認し予約できる状態にする');
	sheetText(s1, 'expectedEffect').insert(0, '来庁せずに予約できる');
	sheetText(s1, 'sideBenefits').insert(0, '台帳への転記がなくなる');
	addListItem(s1, 'relatedProjects', sampleId(), '公民館管理運営事業');
	addListItem(s1, 'relatedProjects', sampleId(), '体育施設管理事業');
	addListItem(s1, 'measures', sampleId(), '予約システムの構築');
	addListItem(s1, 'measures', sampleId(), FORMULA_TEXT);
	addListItem(s1, 'precedents', sampleId(), '会津若松市の施設予約', 'https://example.jp/yoyaku');
	addListItem(s1, 'precedents', sampleId(), '近隣町の事例');
	setSheetGoal(s1, 4, true);
	setSheetGoal(s1, 2, true);
	setSheetTarget(s1, 'residents', true);
	setSheetTarget(s1, 'related', true);
	setSheetTiming(s1, { kind: 'fy', fy: 2026 });
	setSmartChecked(s1, 'specific', true);
	smartReason(s1, 'specific').insert(0, '予約件数で測る');
	setSmartChecked(s1, 'timeBound', true);
	const out = addKpi(s1, 'output', 'k-out', '予約システムの導入施設数');
	kpiText(out, 'unit').insert(0, '施設');
	kpiText(out, 'measurementMethod').insert(0, '導入実績');
	setKpiNumber(out, 'baselineValue', 0);
	setKpiNumber(out, 'baselineYear', 2024);
	setKpiTarget(out, 2026, 5);
	setKpiTarget(out, 2029, 12);
	const outcome = addKpi(s1, 'outcome', 'k-outcome', 'オンライン予約の利用率');
	kpiText(outcome, 'unit').insert(0, '%');
	kpiText(outcome, 'measurementMethod').insert(0, '-予約システムの集計');
	setKpiNumber(outcome, 'baselineValue', 0);
	setKpiNumber(outcome, 'baselineYear', 2024);
	setKpiTarget(outcome, 2027, 30.5);
	setKpiTarget(outcome, 2029, 1200);
	setKpiPair(outcome, 'k-out', true);
	const care = addKpi(s1, 'outcome', 'k-care', '窓口での予約件数');
	setKpiDirection(care, 'lower');
	setKpiCumulative(care, true);

	const s2 = addSheet(doc, { id: 'sheet-moving', authorId: 'u2', authorName: '鈴木 美咲', departmentName: '町民課 住民係', title: '転入手続きのワンストップ化' });
	sheetText(s2, 'problem').insert(0, '転入時の手続きで何度も同じことを書かなければならない');
	setSheetGoal(s2, 2, true);
	setSheetTiming(s2, { kind: 'from', fy: 2027 });
	const o2 = addKpi(s2, 'outcome', 'k2', '窓口の平均滞在時間');
	kpiText(o2, 'unit').insert(0, '分');
	setKpiDirection(o2, 'lower');
	setKpiTarget(o2, 2029, 20);
	return doc;
}

export function sampleStrategy(boardId = 'board-a'): Y.Doc {
	const doc = new Y.Doc();
	initStrategy(doc);
	strategyVision(doc).insert(0, '誰もが笑顔で暮らし続けられる、つながるまち\n・町民が便利さを実感できる');
	goalTitleText(doc, 1)!.insert(0, '稼ぐ力を高め、しごとをつくる');
	const t1 = addNumericTarget(doc, 1, 'goal1-t1', '町内事業所の従業者数');
	setNumericTargetNumber(t1, 'baselineValue', 4200);
	setNumericTargetNumber(t1, 'baselineYear', 2023);
	setNumericTargetNumber(t1, 'targetValue', 4500);
	setNumericTargetNumber(t1, 'targetYear', 2029);
	const t4 = addNumericTarget(doc, 4, 'goal4-t1', '住み続けたいと思う町民の割合');
	setNumericTargetNumber(t4, 'targetValue', 80);
	setNumericTargetNumber(t4, 'targetYear', 2029);

	addDirection(doc, 4, 'dir-services', '行政サービスのデジタル化');
	addDirection(doc, 4, 'dir-community', '地域のつながりづくり');
	directionText(findItem(doc, 'direction', 'dir-services')!, 'body').insert(0, '来庁しなくても手続きができる町を目指します。\n・施設予約のオンライン化\n・手続きのワンストップ化');
	const m1 = addMeasure(doc, 'dir-services', 'measure-booking', '公共施設予約のオンライン化');
	measureText(m1, 'description').insert(0, '公民館・体育館などの予約をオンラインで受け付けます。');
	setLeadDepartment(m1, '生涯学習課');
	setRelatedDepartment(m1, '企画政策課', true);
	addMeasureKpi(m1, 'mk-1', {
		kind: 'outcome',
		name: 'オンライン予約の利用率',
		unit: '%',
		measurementMethod: '予約システムの集計',
		baselineValue: 0,
		baselineYear: 2024,
		targets: { 2026: 10, 2027: 30.5, 2029: 1200 },
		sources: [{ documentId: boardId, sheetId: 'sheet-booking', kpiId: 'k-outcome' }]
	});
	addMeasureKpi(m1, 'mk-2', { kind: 'output', name: FORMULA_TEXT, unit: '施設', measurementMethod: '+導入実績', targets: { 2029: 12 } });
	addProject(doc, 'measure-booking', 'project-1', { documentId: boardId, sheetId: 'sheet-booking', title: '公共施設のオンライン予約', departmentName: '生涯学習課 社会教育係' });
	const m2 = addMeasure(doc, 'dir-services', 'measure-moving', '転入手続きのワンストップ化');
	setLeadDepartment(m2, '町民課');
	addMeasureKpi(m2, 'mk-3', { kind: 'outcome', name: '窓口の平均滞在時間', unit: '分', direction: 'lower', cumulative: true, targets: { 2029: 20 } });
	addMeasure(doc, 'dir-community', 'measure-empty', '地域SNSの活用');
	return doc;
}

export const sampleDraft = (boardId?: string) => readStrategy(sampleStrategy(boardId));

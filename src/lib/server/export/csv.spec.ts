/** The CSV exports read back with papaparse and checked cell by cell. */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { fiscalYearRange } from '$lib/domain/fiscal-year';
import { kpiListRows } from '$lib/domain/strategy-kpi-list';
import { kpiListCsv } from './csv';
import { FORMULA_TEXT, SAMPLE_INFO, sampleDraft } from './testing/sample';

describe('kpiListCsv', () => {
	const draft = sampleDraft();
	const years = fiscalYearRange(SAMPLE_INFO.planStartFy, SAMPLE_INFO.planEndFy);
	const csv = kpiListCsv(kpiListRows(draft, years), years);

	it('is UTF-8 with a BOM and CRLF line ends', () => {
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv).toContain('\r\n');
	});

	it('has one row per KPI with the goal, direction, measure and yearly targets, formula-like text neutralised', () => {
		const { data } = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
		expect(data[0]).toEqual([
			'基本目標',
			'基本的方向',
			'具体的な施策',
			'KPI',
			'種別',
			'単位',
			'基準値',
			'基準年度',
			'R7目標',
			'R8目標',
			'R9目標',
			'R10目標',
			'R11目標',
			'計測方法',
			'担当課'
		]);
		expect(data.slice(1)).toEqual([
			[
				'基本目標4　魅力的な地域をつくる',
				'1　行政サービスのデジタル化',
				'(1)　公共施設予約のオンライン化',
				'オンライン予約の利用率',
				'アウトカム',
				'%',
				'0',
				'R6',
				'',
				'10',
				'30.5',
				'',
				'1200',
				'予約システムの集計',
				'生涯学習課'
			],
			[
				'基本目標4　魅力的な地域をつくる',
				'1　行政サービスのデジタル化',
				'(1)　公共施設予約のオンライン化',
				`'${FORMULA_TEXT}`,
				'アウトプット',
				'施設',
				'',
				'',
				'',
				'',
				'',
				'',
				'12',
				"'+導入実績",
				'生涯学習課'
			],
			[
				'基本目標4　魅力的な地域をつくる',
				'1　行政サービスのデジタル化',
				'(2)　転入手続きのワンストップ化',
				'窓口の平均滞在時間※',
				'アウトカム',
				'分',
				'',
				'',
				'',
				'',
				'',
				'',
				'20',
				'',
				'町民課'
			]
		]);
	});
});

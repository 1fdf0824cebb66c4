/**
 * Every export of the strategy editor, by file name: the draft (current or a saved version) as
 * Word, Excel KPI list, KPI CSV and Markdown; the ideas (always current) as an Excel workbook of
 * idea sheets, an ideas CSV and an idea-KPI CSV. Each returns the bytes, a content type and a
 * download name in Japanese (town, strategy, version, date).
 */
import type { OpenedDatabase } from '../db';
import type { Workspace } from '../repositories/workspaces';
import { draftForExport, projectLabels } from '../strategy/document';
import { loadIdeaPool } from '../strategy/idea-pool';
import { fiscalYearRange, isoDate } from '$lib/domain/fiscal-year';
import { emptyIdea, ideaFromSheet } from '$lib/domain/idea-transfer';
import { kpiListRows } from '$lib/domain/strategy-kpi-list';
import { strategyDocument } from '$lib/domain/strategy-document';
import { ideaKpisCsv, ideasCsv, kpiListCsv } from './csv';
import { strategyMarkdown } from './markdown';
import { strategyDocxWithPages } from './toc-pages';
import { ideasWorkbook } from './xlsx-ideas';
import { kpiWorkbook } from './xlsx-kpi';

export const EXPORT_FILES = {
	'strategy.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'kpis.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'kpis.csv': 'text/csv; charset=utf-8',
	'strategy.md': 'text/markdown; charset=utf-8',
	'ideas.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'ideas.csv': 'text/csv; charset=utf-8',
	'idea-kpis.csv': 'text/csv; charset=utf-8',
	/** the town's idea-sheet form, empty: offered when an import is not in a layout it reads */
	'idea-template.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
} as const;
export type ExportFile = keyof typeof EXPORT_FILES;

export const isExportFile = (name: string): name is ExportFile => Object.hasOwn(EXPORT_FILES, name);

export interface ExportResult {
	body: Uint8Array | string;
	contentType: string;
	fileName: string;
}

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\r\n\t]/g, '').trim();

export async function buildExport(
	database: OpenedDatabase,
	workspace: Workspace,
	file: ExportFile,
	versionId: string | null,
	now = Date.now()
): Promise<ExportResult | undefined> {
	const years = fiscalYearRange(workspace.planStartFy, workspace.planEndFy);
	const contentType = EXPORT_FILES[file];
	// zero-padded so that downloads sort by date (2026-12-02)
	const day = isoDate(now);

	if (file === 'idea-template.xlsx') {
		const body = await ideasWorkbook([{ idea: emptyIdea() }], years, { townName: workspace.townName, date: now });
		return { body, contentType, fileName: `${safeName(`${workspace.townName}_アイデアシート様式`)}.xlsx` };
	}
	if (file === 'ideas.xlsx' || file === 'ideas.csv' || file === 'idea-kpis.csv') {
		const pool = await loadIdeaPool(database, workspace);
		const ideas = pool.map((i) => ({ idea: ideaFromSheet(i.sheet), session: i.sessionName, group: i.groupName, votes: i.votes, hints: i.hints.length }));
		const base = safeName(`${workspace.townName}_アイデアシート_${day}`);
		if (file === 'ideas.xlsx') {
			return { body: await ideasWorkbook(ideas, years, { townName: workspace.townName, date: now }), contentType, fileName: `${base}.xlsx` };
		}
		if (file === 'ideas.csv') {
			return { body: ideasCsv(ideas.map((i) => ({ idea: i.idea, origin: { session: i.session, group: i.group } }))), contentType, fileName: `${base}.csv` };
		}
		return { body: ideaKpisCsv(ideas.map((i) => i.idea), years), contentType, fileName: `${safeName(`${workspace.townName}_アイデアKPI_${day}`)}.csv` };
	}

	const loaded = await draftForExport(database, workspace, versionId, now);
	if (!loaded) return undefined;
	const { draft, info } = loaded;
	const base = safeName(`${workspace.strategyName}_${info.versionLabel}_${isoDate(info.date)}`);
	switch (file) {
		case 'kpis.xlsx':
			return { body: await kpiWorkbook(draft, info), contentType, fileName: `${base}_KPI一覧.xlsx` };
		case 'kpis.csv':
			return { body: kpiListCsv(kpiListRows(draft, years), years), contentType, fileName: `${base}_KPI一覧.csv` };
		case 'strategy.docx':
		case 'strategy.md': {
			const document = strategyDocument(draft, info, await projectLabels(database, workspace, versionId));
			if (file === 'strategy.docx') return { body: await strategyDocxWithPages(document), contentType, fileName: `${base}.docx` };
			return { body: strategyMarkdown(document), contentType, fileName: `${base}.md` };
		}
	}
}

/**
 * Seeds a fictional town for demonstrations and manual testing: departments and sections, staff
 * of every rank, a workshop with the default four sessions and groups, and one board with
 * content. Everything goes through the same repositories and document schema as the app.
 */
import * as Y from 'yjs';
import type { OpenedDatabase } from '../db';
import type { Role, StaffRank } from '../db/types';
import { hashPassword } from '../auth/password';
import { createUser, findUserByLoginId } from '../repositories/users';
import { createWorkspace } from '../repositories/workspaces';
import { upsertMembership } from '../repositories/memberships';
import { ensureOrgUnitFor } from '../repositories/org-units';
import { addGroup, createWorkshop } from '../repositories/workshops';
import { DocumentStore } from '../collab/persistence';
import { newId } from '../ids';
import { DEFAULT_WORKSHOP_SESSIONS } from '$lib/domain/workshop-template';
import { fiscalYearOf } from '$lib/domain/fiscal-year';
import {
	addCard,
	addKpi,
	addListItem,
	addSheet,
	cardField,
	initBoard,
	kpiText,
	setCardTarget,
	setKpiNumber,
	setKpiPair,
	setKpiTarget,
	setSheetGoal,
	setSheetIssueLink,
	setSheetTarget,
	sheetText
} from '$lib/collab/schema';

export const DEMO_TOWN = 'みらい町';
export const DEMO_ADMIN_LOGIN = 'admin';

interface DemoStaff {
	loginId: string;
	name: string;
	department: string;
	section: string;
	rank: StaffRank;
	role: Role;
}

const STAFF: DemoStaff[] = [
	{ loginId: 'admin', name: '企画 太郎', department: '企画政策課', section: '企画係', rank: 'chief', role: 'admin' },
	{ loginId: 'facilitator', name: '進行 花子', department: '企画政策課', section: '企画係', rank: 'clerk', role: 'facilitator' },
	{ loginId: 'sato', name: '佐藤 健', department: '総務課', section: '防災情報係', rank: 'clerk', role: 'member' },
	{ loginId: 'suzuki', name: '鈴木 美咲', department: '町民課', section: '住民係', rank: 'clerk', role: 'member' },
	{ loginId: 'takahashi', name: '高橋 翔', department: '税務課', section: '収納係', rank: 'clerk', role: 'member' },
	{ loginId: 'tanaka', name: '田中 陽子', department: '健康福祉課', section: '介護保険係', rank: 'clerk', role: 'member' },
	{ loginId: 'ito', name: '伊藤 大輔', department: '農林課', section: '農政係', rank: 'clerk', role: 'member' },
	{ loginId: 'watanabe', name: '渡辺 彩', department: '商工観光課', section: '観光係', rank: 'clerk', role: 'member' },
	{ loginId: 'yamamoto', name: '山本 拓也', department: '生涯学習課', section: '社会教育係', rank: 'clerk', role: 'member' },
	{ loginId: 'nakamura', name: '中村 由美', department: '子育て支援課', section: '子育て支援係', rank: 'clerk', role: 'member' },
	{ loginId: 'kobayashi', name: '小林 誠', department: '総務課', section: '総務係', rank: 'chief', role: 'member' },
	{ loginId: 'kato', name: '加藤 直子', department: '町民課', section: '国保年金係', rank: 'chief', role: 'member' },
	{ loginId: 'yoshida', name: '吉田 浩', department: '建設課', section: '管理係', rank: 'chief', role: 'member' },
	{ loginId: 'yamada', name: '山田 恵', department: '健康福祉課', section: '健康係', rank: 'chief', role: 'member' },
	{ loginId: 'sasaki', name: '佐々木 亮', department: '商工観光課', section: '商工係', rank: 'chief', role: 'member' },
	{ loginId: 'inoue', name: '井上 聡', department: '教育総務課', section: '学校教育係', rank: 'manager', role: 'observer' }
];

const CARDS: Array<{ author: string; problem: string; residents: string; town: string; targets: Array<'residents' | 'businesses' | 'related'> }> = [
	{
		author: 'yamamoto',
		problem: '公民館・体育館の予約が紙の申請書のみで、空き状況は電話しないとわからない',
		residents: '平日の開庁時間に来庁できない',
		town: '電話対応と台帳の転記に時間がかかる',
		targets: ['residents']
	},
	{
		author: 'suzuki',
		problem: '転入時の手続きで何度も同じことを書かなければならない',
		residents: '窓口の待ち時間が長い',
		town: '各課で同じ内容を入力している',
		targets: ['residents']
	},
	{
		author: 'watanabe',
		problem: '観光客の混雑状況が把握できず、駐車場の案内が遅れる',
		residents: '週末に生活道路が渋滞する',
		town: '現地確認に職員が出ている',
		targets: ['residents', 'related']
	},
	{
		author: 'sato',
		problem: '災害時の避難所の開設・混雑状況が住民に伝わりにくい',
		residents: '防災無線が聞き取りにくい地区がある',
		town: '問い合わせ電話が集中する',
		targets: ['residents']
	}
];

export interface SeedResult {
	created: boolean;
	workspaceId: string | null;
	logins: Array<{ loginId: string; name: string; role: Role }>;
}

export async function seedDemo(database: OpenedDatabase, password: string): Promise<SeedResult> {
	const { db } = database;
	if (await findUserByLoginId(db, DEMO_ADMIN_LOGIN)) {
		return { created: false, workspaceId: null, logins: [] };
	}
	const passwordHash = await hashPassword(password);
	const currentFy = fiscalYearOf(new Date());

	const { workspaceId, boardId, authors } = await db.transaction().execute(async (tx) => {
		const workspace = await createWorkspace(tx, {
			townName: DEMO_TOWN,
			strategyName: `${DEMO_TOWN}デジタル田園都市構想総合戦略`,
			planStartFy: currentFy + 1,
			planEndFy: currentFy + 5
		});
		const authors = new Map<string, { id: string; name: string; department: string }>();
		for (const s of STAFF) {
			const user = await createUser(tx, {
				loginId: s.loginId,
				displayName: s.name,
				passwordHash,
				isAdmin: s.loginId === DEMO_ADMIN_LOGIN
			});
			const unit = await ensureOrgUnitFor(tx, workspace.id, s.department, s.section);
			await upsertMembership(tx, {
				workspaceId: workspace.id,
				userId: user.id,
				role: s.role,
				rank: s.rank,
				orgUnitId: unit.id
			});
			authors.set(s.loginId, { id: user.id, name: s.name, department: s.department });
		}
		const workshop = await createWorkshop(tx, {
			workspaceId: workspace.id,
			title: '職員ワーキンググループ',
			sessions: DEFAULT_WORKSHOP_SESSIONS
		});
		let boardId = '';
		for (const session of workshop.sessions) {
			for (const name of ['A班', 'B班']) {
				const group = await addGroup(tx, { workspaceId: workspace.id, sessionId: session.id, name });
				if (!boardId) boardId = group.documentId;
			}
		}
		return { workspaceId: workspace.id, boardId, authors };
	});

	const doc = new Y.Doc();
	initBoard(doc, 'A班');
	const cardIds: string[] = [];
	for (const c of CARDS) {
		const author = authors.get(c.author)!;
		const card = addCard(doc, {
			id: newId(),
			text: c.problem,
			authorId: author.id,
			authorName: author.name,
			departmentName: author.department
		});
		cardField(card, 'backgroundResidents').insert(0, c.residents);
		cardField(card, 'backgroundTown').insert(0, c.town);
		for (const t of c.targets) setCardTarget(card, t, true);
		cardIds.push(card.get('id') as string);
	}
	addBookingIdea(doc, authors.get('yamamoto')!, cardIds[0]!, currentFy);
	new DocumentStore(database).append(boardId, Y.encodeStateAsUpdate(doc));
	doc.destroy();

	return {
		created: true,
		workspaceId,
		logins: STAFF.map((s) => ({ loginId: s.loginId, name: s.name, role: s.role }))
	};
}

/** One filled-in idea sheet answering the first card, as the clerk session 2 would write it. */
function addBookingIdea(
	doc: Y.Doc,
	author: { id: string; name: string; department: string },
	cardId: string,
	currentFy: number
): void {
	const sheet = addSheet(doc, {
		id: newId(),
		authorId: author.id,
		authorName: author.name,
		departmentName: `${author.department} 社会教育係`,
		title: '公共施設のオンライン予約'
	});
	setSheetIssueLink(sheet, cardId, true);
	setSheetGoal(sheet, 4, true);
	setSheetTarget(sheet, 'residents', true);
	sheetText(sheet, 'problem').insert(0, '公民館・体育館の予約が紙の申請書のみで、空き状況は電話しないとわからない');
	sheetText(sheet, 'solutionMeans').insert(0, 'スマートフォンから使える施設予約システムで');
	sheetText(sheet, 'solutionWhom').insert(0, '施設を利用する町民・団体が');
	sheetText(sheet, 'solutionState').insert(0, '来庁せずにいつでも空き状況を確認し予約できる状態にする');
	sheetText(sheet, 'expectedEffect').insert(0, '来庁や電話の手間がなくなり、夜間や休日にも予約できる');
	sheetText(sheet, 'sideBenefits').insert(0, '台帳への転記と電話対応が減る');
	addListItem(sheet, 'measures', newId(), '施設予約システムの構築');
	addListItem(sheet, 'measures', newId(), '広報誌・SNSでの周知');
	const output = addKpi(sheet, 'output', newId(), 'オンライン予約できる施設数');
	kpiText(output, 'unit').insert(0, '施設');
	kpiText(output, 'measurementMethod').insert(0, '予約システムの登録施設数');
	setKpiNumber(output, 'baselineValue', 0);
	setKpiNumber(output, 'baselineYear', currentFy);
	setKpiTarget(output, currentFy + 2, 10);
	const outcome = addKpi(sheet, 'outcome', newId(), '施設予約のオンライン利用率');
	kpiText(outcome, 'unit').insert(0, '%');
	kpiText(outcome, 'measurementMethod').insert(0, '予約システムの利用件数 ÷ 全予約件数');
	setKpiNumber(outcome, 'baselineValue', 0);
	setKpiNumber(outcome, 'baselineYear', currentFy);
	setKpiTarget(outcome, currentFy + 2, 30);
	setKpiTarget(outcome, currentFy + 4, 60);
	setKpiPair(outcome, output.get('id') as string, true);
}

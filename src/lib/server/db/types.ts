/**
 * The database schema as Kysely sees it: one interface per table, snake_case columns.
 * Times are stored as integer milliseconds since the epoch (portable to PostgreSQL bigint).
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export type Role = 'admin' | 'facilitator' | 'member' | 'observer';
export const ROLES: readonly Role[] = ['admin', 'facilitator', 'member', 'observer'];

/** Staff rank: 係員 clerk, 係長 chief, 課長 manager, その他 other. */
export type StaffRank = 'clerk' | 'chief' | 'manager' | 'other';
export const STAFF_RANKS: readonly StaffRank[] = ['clerk', 'chief', 'manager', 'other'];

export interface UserTable {
	id: string;
	login_id: string;
	display_name: string;
	/** argon2id PHC string; null until the invitation is accepted. */
	password_hash: string | null;
	/** Installation administrator (can create workspaces and manage everyone). */
	is_admin: number;
	active: number;
	created_at: number;
}

export interface SessionTable {
	/** SHA-256 of the session token, lowercase hex. The token itself is never stored. */
	id: string;
	user_id: string;
	created_at: number;
	last_active_at: number;
	expires_at: number;
}

export interface InvitationTable {
	/** SHA-256 of the invitation token, hex. */
	id: string;
	user_id: string;
	created_by: string | null;
	created_at: number;
	expires_at: number;
	used_at: number | null;
}

export interface LoginAttemptTable {
	id: Generated<number>;
	/** 'account:<login id>' or 'ip:<address>' */
	key: string;
	attempted_at: number;
}

export interface WorkspaceTable {
	id: string;
	town_name: string;
	strategy_name: string;
	/** First and last fiscal year of the plan period (Western year the fiscal year starts in). */
	plan_start_fy: number;
	plan_end_fy: number;
	created_at: number;
}

export interface OrgUnitTable {
	id: string;
	workspace_id: string;
	/** null for a department (課); the department's id for a section (係). */
	parent_id: string | null;
	name: string;
	sort_order: number;
}

export interface MembershipTable {
	workspace_id: string;
	user_id: string;
	role: Role;
	rank: StaffRank;
	/** The section (係) or department (課) the staff member belongs to. */
	org_unit_id: string | null;
	created_at: number;
}

export interface WorkshopTable {
	id: string;
	workspace_id: string;
	title: string;
	created_at: number;
}

export interface WorkshopSessionTable {
	id: string;
	workshop_id: string;
	ordinal: number;
	name: string;
	/** Which staff take part: clerk-level, chief-level, or everyone. */
	audience: 'clerk' | 'chief' | 'all';
}

export interface WorkshopGroupTable {
	id: string;
	session_id: string;
	name: string;
	/** The group's board (a Yjs document). */
	document_id: string;
	sort_order: number;
}

export interface GroupMemberTable {
	group_id: string;
	user_id: string;
}

/** A shared document: a workshop group's board, or the workspace's strategy draft. */
export type DocumentKind = 'board' | 'strategy';

export interface DocumentTable {
	id: string;
	workspace_id: string;
	kind: DocumentKind;
	title: string;
	created_at: number;
}

export interface DocumentUpdateTable {
	seq: Generated<number>;
	document_id: string;
	data: Uint8Array;
	created_at: number;
	/** Who sent it; null for the server's own changes (creation, folds, keys put back). */
	user_id: ColumnType<string | null, string | null | undefined, string | null>;
	/** 1: sent as a resend after a restore from backup (may hold other people's edits). */
	restored: Generated<number>;
}

/** The user bound to a Yjs client id of a document (see client-bindings.ts). */
export interface DocumentClientTable {
	document_id: string;
	client_id: number;
	user_id: string;
	first_seen: number;
	/** 1: first seen in a resend after a restore; the user restored it and may not have written it. */
	restored: Generated<number>;
}

/** Put into every backup copy by the backup command; `restored_at` set when a server first runs on it. */
export interface BackupStampTable {
	taken_at: number;
	restored_at: number | null;
}

export interface DocumentSnapshotTable {
	document_id: string;
	data: Uint8Array;
	/** The highest update seq folded into this snapshot. */
	last_seq: number;
	updated_at: number;
}

/** A dot vote on a board's issue cards (the rules and its state; ballots in vote_ballot). */
export interface VoteTable {
	id: string;
	document_id: string;
	/** Dots per person. */
	budget: number;
	/** Most dots one person may put on one card. */
	cap_per_card: number;
	/** open: ballots accepted until revealed; closed: the vote is over. */
	status: 'open' | 'closed';
	opened_by: string | null;
	created_at: number;
	/** When the totals were revealed; null while they are hidden. */
	revealed_at: number | null;
	closed_at: number | null;
}

/** One person's dots on one card in a vote (absent = 0). */
export interface VoteBallotTable {
	vote_id: string;
	user_id: string;
	card_id: string;
	dots: number;
	updated_at: number;
}

/** A named version of the draft strategy: the strategy document's state when it was saved. */
/** 地域再生計画 digest of a workspace: the facilitator's form as JSON (RegionalPlanForm). */
export interface RegionalPlanTable {
	workspace_id: string;
	form: string;
	updated_at: number;
	updated_by: string | null;
}

export interface StrategyVersionTable {
	id: string;
	workspace_id: string;
	name: string;
	created_at: number;
	created_by: string | null;
	/** Y.encodeStateAsUpdate of the strategy document. */
	state: Uint8Array;
}

/** A strategy version (or an imported table) adopted as the strategy in force (策定版・改訂版). */
export interface StrategyAdoptionTable {
	id: string;
	workspace_id: string;
	version_id: string | null;
	version_name: string;
	source_kind: 'version' | 'import';
	/** The adoption date: ms at 00:00 UTC of that calendar day. */
	adopted_on: number;
	adopted_by: string | null;
	created_at: number;
	added_count: number;
	continued_count: number;
	retired_count: number;
}

/** One KPI of the register (KPI台帳); see domain/evaluation/register-kpi.ts. */
export interface RegisterKpiTable {
	id: string;
	workspace_id: string;
	kind: 'goal_target' | 'outcome' | 'output';
	goal_code: string;
	goal_title: string;
	measure_code: string | null;
	measure_title: string | null;
	name: string;
	unit: string;
	measurement_method: string;
	baseline_value: number | null;
	baseline_year: number | null;
	baseline_period_from: number | null;
	baseline_period_to: number | null;
	direction: 'higher' | 'lower';
	cumulative: number;
	final_target_value: number | null;
	final_target_text: string | null;
	target_year: number | null;
	survey_date: string;
	publication_timing: string;
	department: string;
	source_kpi_id: string | null;
	source_version_id: string | null;
	source_idea: string | null;
	source: string;
	sort_order: number;
	retired: number;
	retired_at: number | null;
	created_at: number;
	updated_at: number;
}

export interface RegisterTargetTable {
	kpi_id: string;
	fiscal_year: number;
	value: number;
}

/** The actual of a KPI for the fiscal year the value is of. */
export interface RegisterActualTable {
	kpi_id: string;
	fiscal_year: number;
	value: number;
	note: string;
	entered_by: string | null;
	entered_at: number;
}

/** Every change of an actual: who, when, the previous value. */
export interface RegisterActualHistoryTable {
	id: string;
	kpi_id: string;
	fiscal_year: number;
	previous_value: number | null;
	previous_note: string | null;
	value: number | null;
	note: string;
	changed_by: string | null;
	changed_at: number;
}

export type RegisterChangeKind = 'added' | 'continued' | 'retired';

/** What an adoption did to one KPI of the register. */
export interface RegisterChangeTable {
	id: string;
	adoption_id: string;
	kpi_id: string;
	change: RegisterChangeKind;
	detail: string;
}

export type RegisterCompareWith = 'final' | 'yearly';

export interface RegisterSettingTable {
	workspace_id: string;
	compare_with: RegisterCompareWith;
	updated_at: number;
}

/** An uploaded KPI table waiting for its confirmation (cells as JSON). */
export interface RegisterUploadTable {
	id: string;
	workspace_id: string;
	user_id: string;
	file_name: string;
	cells: string;
	created_at: number;
}

export interface Database {
	user: UserTable;
	session: SessionTable;
	invitation: InvitationTable;
	login_attempt: LoginAttemptTable;
	workspace: WorkspaceTable;
	org_unit: OrgUnitTable;
	membership: MembershipTable;
	workshop: WorkshopTable;
	workshop_session: WorkshopSessionTable;
	workshop_group: WorkshopGroupTable;
	group_member: GroupMemberTable;
	document: DocumentTable;
	document_update: DocumentUpdateTable;
	document_snapshot: DocumentSnapshotTable;
	document_client: DocumentClientTable;
	backup_stamp: BackupStampTable;
	strategy_version: StrategyVersionTable;
	regional_plan: RegionalPlanTable;
	vote: VoteTable;
	vote_ballot: VoteBallotTable;
	strategy_adoption: StrategyAdoptionTable;
	register_kpi: RegisterKpiTable;
	register_target: RegisterTargetTable;
	register_actual: RegisterActualTable;
	register_actual_history: RegisterActualHistoryTable;
	register_change: RegisterChangeTable;
	register_setting: RegisterSettingTable;
	register_upload: RegisterUploadTable;
}

export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type WorkspaceRow = Selectable<WorkspaceTable>;
export type MembershipRow = Selectable<MembershipTable>;
export type OrgUnitRow = Selectable<OrgUnitTable>;
export type DocumentRow = Selectable<DocumentTable>;
export type VoteRow = Selectable<VoteTable>;
export type RegisterKpiRow = Selectable<RegisterKpiTable>;

/** The Japanese (or English) sentence for a problem found in a staff CSV row. */
import { m } from '$lib/paraglide/messages';
import type { StaffColumn, StaffCsvIssue } from '$lib/domain/staff-csv';

export function columnLabel(column: StaffColumn | null): string {
	switch (column) {
		case 'name':
			return m.field_display_name();
		case 'loginId':
			return m.field_login_id();
		case 'department':
			return m.field_department();
		case 'section':
			return m.field_section();
		case 'rank':
			return m.field_rank();
		case 'role':
			return m.field_role();
		default:
			return '—';
	}
}

export function issueMessage(issue: StaffCsvIssue): string {
	const column = columnLabel(issue.column);
	const value = issue.value ?? '';
	switch (issue.problem) {
		case 'empty_file':
			return m.import_problem_empty_file();
		case 'too_many_rows':
			return m.import_problem_too_many_rows({ max: value });
		case 'missing_column':
			return m.import_problem_missing_column({ column });
		case 'duplicate_column':
			return m.import_problem_duplicate_column({ heading: value });
		case 'malformed':
			return m.import_problem_malformed();
		case 'required':
			return m.import_problem_required({ column });
		case 'too_long':
			return m.import_problem_too_long({ column, max: value });
		case 'login_id_format':
			return m.import_problem_login_id_format({ value });
		case 'duplicate_login_id':
			return m.import_problem_duplicate_login_id({ row: value });
		case 'rank_invalid':
			return m.import_problem_rank_invalid({ value });
		case 'role_invalid':
			return m.import_problem_role_invalid({ value });
		case 'self_role_change':
			return m.import_problem_self_role_change();
	}
}

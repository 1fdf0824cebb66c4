/**
 * Who may enter a KPI's yearly actual: the members of its responsible department (担当課),
 * and facilitators and administrators for every KPI. Observers never. A rule of the domain, so
 * the server's refusal and the entry screen's read-only rows come from one place.
 */
/** The workspace roles (the same union as the database's). */
type Role = 'admin' | 'facilitator' | 'member' | 'observer';
import { normaliseForComparison } from '../similarity';

export interface ActualEntrant {
	role: Role;
	/** The department (課) the person belongs to; empty when none. */
	department: string;
}

export function mayEnterActual(entrant: ActualEntrant, kpiDepartment: string): boolean {
	if (entrant.role === 'admin' || entrant.role === 'facilitator') return true;
	if (entrant.role !== 'member') return false;
	const mine = normaliseForComparison(entrant.department);
	return mine !== '' && mine === normaliseForComparison(kpiDepartment);
}

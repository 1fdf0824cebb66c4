/** Interface labels for the domain's enumerations, in the current language. */
import { m } from '$lib/paraglide/messages';
import type { Role, StaffRank } from '$lib/domain/staff-csv';
import type { SessionAudience } from '$lib/domain/workshop-template';

export function roleLabel(role: Role): string {
	switch (role) {
		case 'admin':
			return m.role_admin();
		case 'facilitator':
			return m.role_facilitator();
		case 'member':
			return m.role_member();
		case 'observer':
			return m.role_observer();
	}
}

export function rankLabel(rank: StaffRank): string {
	switch (rank) {
		case 'clerk':
			return m.rank_clerk();
		case 'chief':
			return m.rank_chief();
		case 'manager':
			return m.rank_manager();
		case 'other':
			return m.rank_other();
	}
}

export function audienceLabel(audience: SessionAudience): string {
	switch (audience) {
		case 'clerk':
			return m.audience_clerk();
		case 'chief':
			return m.audience_chief();
		case 'all':
			return m.audience_all();
	}
}

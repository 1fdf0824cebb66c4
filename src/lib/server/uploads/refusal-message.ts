/**
 * The sentence shown for a refused upload: which limit was hit and what to do next (Japanese
 * first, by the request's locale). Every import page answers refusals through this one function.
 */
import { m } from '$lib/paraglide/messages';
import type { UploadRefusal } from './task-result';

export function uploadRefusalMessage(refusal: UploadRefusal): string {
	switch (refusal.limit) {
		case 'time':
			return m.upload_refused_time({ seconds: refusal.seconds });
		case 'memory':
			return m.upload_refused_memory({ mb: refusal.heapMb });
		case 'busy':
			return m.upload_refused_busy();
		case 'failed':
			return m.upload_refused_failed();
		case 'zip_unreadable':
			return m.upload_refused_zip_unreadable();
		case 'zip_entries':
			return m.upload_refused_zip_entries({ found: refusal.found, max: refusal.max });
		case 'zip_entry_size':
			return m.upload_refused_zip_entry_size({ entry: refusal.entry, mb: refusal.maxMb });
		case 'zip_total_size':
			return m.upload_refused_zip_total_size({ mb: refusal.maxMb });
		case 'zip_ratio':
			return m.upload_refused_zip_ratio({ entry: refusal.entry, max: refusal.max });
		case 'zip_size_mismatch':
			return m.upload_refused_zip_size_mismatch({ entry: refusal.entry });
	}
}

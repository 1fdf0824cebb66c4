/**
 * The projector view of a board: the session and phase, the timer, the cards and sheets' titles
 * in large type, and how to join: a short join code to type at /j after signing in (phones rarely
 * reach the closed network), and the board's address as text and as a QR code (a PNG data URL made here, so
 * no user text is ever turned into markup).
 */
import QRCode from 'qrcode';
import { formatJoinCode, joinCodeFor } from '$lib/domain/join-code';
import { appDb } from '$lib/server/db/instance';
import { requireBoardAccess } from '$lib/server/facilitation/board-access';
import { findBoardPlace } from '$lib/server/repositories/workshop-boards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { user, workspace, board } = await requireBoardAccess(locals, params.documentId, {
		workspaceId: params.workspaceId
	});
	const place = await findBoardPlace(appDb(), workspace.id, board.id);
	const joinUrl = `${url.origin}/w/${workspace.id}/boards/${board.id}`;
	const qrDataUrl = await QRCode.toDataURL(joinUrl, { errorCorrectionLevel: 'M', margin: 1, width: 360 });
	return {
		user: { id: user.id, displayName: user.displayName },
		workspaceId: workspace.id,
		board: { id: board.id, title: board.title },
		sessionName: place?.sessionName ?? null,
		groupName: place?.groupName ?? null,
		joinUrl,
		qrDataUrl,
		joinCode: formatJoinCode(joinCodeFor(board.id)),
		joinPath: `${url.host}/j`
	};
};

/**
 * Which way "Inviter une tablette" offers first, and why (said on screen): a join link when the
 * session can reach other tablets through a server (the venue hub, or a signaling server this
 * page may use), else pairing codes, which need no server. An explicit `?way=` wins.
 */
import type { MessageKey } from '$lib/i18n';

export type InviteWay = 'link' | 'codes';

export interface NetworkFacts {
	/** The venue hub transport is attached. */
	readonly usesHub: boolean;
	/** WebRTC through signaling is possible on this page. */
	readonly canConnect: boolean;
}

export function inviteWay(network: NetworkFacts, asked: string | null): { chosen: InviteWay; why: MessageKey } {
	const server = network.usesHub || network.canConnect;
	const suggested: InviteWay = server ? 'link' : 'codes';
	const chosen: InviteWay = asked === 'link' || asked === 'codes' ? asked : suggested;
	if (chosen === 'link') {
		if (!server) return { chosen, why: 'syncui.invite.linkWithoutServer' };
		return { chosen, why: network.usesHub ? 'syncui.invite.whyHub' : 'syncui.invite.whySignaling' };
	}
	return { chosen, why: server ? 'syncui.invite.codesByChoice' : 'syncui.invite.whyCodes' };
}

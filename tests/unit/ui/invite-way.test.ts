import { describe, expect, it } from 'vitest';
import { inviteWay } from '$lib/ui/sync/invite-way';

describe('inviteWay: the way "Inviter une tablette" offers first, and why', () => {
	it('through the venue hub: a join link, saying the hub carries it', () => {
		expect(inviteWay({ usesHub: true, canConnect: false }, null)).toEqual({ chosen: 'link', why: 'syncui.invite.whyHub' });
		expect(inviteWay({ usesHub: true, canConnect: true }, null)).toEqual({ chosen: 'link', why: 'syncui.invite.whyHub' });
	});

	it('through a signaling server: a join link', () => {
		expect(inviteWay({ usesHub: false, canConnect: true }, null)).toEqual({ chosen: 'link', why: 'syncui.invite.whySignaling' });
	});

	it('with no server: pairing codes, and a link asked for anyway says it will not be enough', () => {
		expect(inviteWay({ usesHub: false, canConnect: false }, null)).toEqual({ chosen: 'codes', why: 'syncui.invite.whyCodes' });
		expect(inviteWay({ usesHub: false, canConnect: false }, 'link')).toEqual({ chosen: 'link', why: 'syncui.invite.linkWithoutServer' });
	});

	it('codes asked for while a server exists are a choice, said as such; an unknown way is ignored', () => {
		expect(inviteWay({ usesHub: true, canConnect: true }, 'codes')).toEqual({ chosen: 'codes', why: 'syncui.invite.codesByChoice' });
		expect(inviteWay({ usesHub: false, canConnect: true }, 'pigeon')).toEqual({ chosen: 'link', why: 'syncui.invite.whySignaling' });
	});
});

import type { pairingParticipant as source } from '../fr-CA/pairing-participant';

export const pairingParticipant = {
	'sync.qr.code.empty': 'No code: scan the QR code or type the code shown under it.',
	'sync.qr.code.joinLink': 'This is an invitation link, not a pairing code. Open it with the camera, or scan the other tablet’s pairing code.',
	'sync.qr.code.notCode': 'This is not a Tablée pairing code. Check that you are scanning the other tablet’s screen, at the step shown.',
	'sync.qr.code.corrupt': 'This code is incomplete or mistyped. Scan it again, or check every character.',
	'sync.qr.code.version': 'This code comes from another version of Tablée. Update the app on both tablets (online), then try again.',
	'sync.qr.code.notOffer': 'This is an answer code. On this tablet, scan the invitation code shown by a tablet that is already linked.',
	'sync.qr.code.notAnswer': 'This is an invitation code. Scan the answer code shown by the joining tablet instead.',
	'sync.qr.code.otherSession': 'This code comes from another session. Check that both tablets are in the same session.',
	'sync.qr.code.wrongProof':
		'This answer code does not match the invitation shown here (another session, an old key or an earlier invitation). Start again: the joining tablet must scan the invitation shown now.',
	'sync.qr.error.noCandidate': 'This tablet found no address on the network. Check that it is on the venue’s Wi-Fi and that the router hands out a “gateway” (see the facilitator guide), then try again.',
	'sync.qr.error.browser': 'This browser could not prepare the direct connection. Try an up-to-date Chrome (Android) or Safari (iPad).',
	'sync.qr.error.unreachable': 'The two tablets cannot reach each other. They must be on the same Wi-Fi network, and that network must not isolate devices (a “guest” network often does). Try again on another network or after changing the router setting.',
	'sync.qr.error.answerTimeout': 'The other tablet did not scan the answer in time. Start again by scanning a new invitation.',
	'sync.qr.error.used': 'This invitation was already used. Create a new invitation.',
	'sync.qr.error.cancelled': 'Pairing cancelled.',
	'pairing.lost': 'This tablet is no longer linked to the others (page reloaded or Wi-Fi lost). What was written here stays saved. To link it again, scan the code of a tablet that is still linked:',
	'pairing.lostLink': 'link this tablet',
	'sync.qr.code.relink': 'This code re-links a disconnected tablet. Scan it with that tablet, on its “Link this tablet again” screen.',
	'sync.qr.code.otherDevice': 'This code is for another tablet. On the linked tablet, tap “Link again” next to this tablet’s name.',
	'sync.qr.code.relinkWrongKey': 'This code was not made with this session’s key (an old key?). Link this tablet with the two codes: the other tablet chooses “Invite another tablet”.',
	'sync.qr.relink.failed': 'The tablet could not be linked with a single scan. Link it with the two codes: on the linked tablet, choose “Invite another tablet”.',
	'sync.qr.relink.noIdentity': 'This browser does not keep the tablet’s identity: a single-scan link is impossible. Link it with the two codes.'
} as const satisfies Record<keyof typeof source, string>;

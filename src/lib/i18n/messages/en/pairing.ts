import type { pairing as source } from '../fr-CA/pairing';

export const pairing = {
	'sync.qr.code.empty': 'No code: scan the QR code or type the code shown under it.',
	'sync.qr.code.joinLink': 'This is an invitation link, not a pairing code. Open it with the camera, or scan the other tablet’s pairing code.',
	'sync.qr.code.notCode': 'This is not a Tablée pairing code. Check that you are scanning the other tablet’s screen, at the step shown.',
	'sync.qr.code.corrupt': 'This code is incomplete or mistyped. Scan it again, or check every character.',
	'sync.qr.code.version': 'This code comes from another version of Tablée. Update the app on both tablets (online), then try again.',
	'sync.qr.code.notOffer': 'This is an answer code. On this tablet, scan the invitation code shown by a tablet that is already linked.',
	'sync.qr.code.notAnswer': 'This is an invitation code. Scan the answer code shown by the joining tablet instead.',
	'sync.qr.code.otherSession': 'This code comes from another session. Check that both tablets are in the same session.',
	'sync.qr.code.wrongProof':
		'This answer code does not match the invitation shown here (another session, an old key or an earlier invitation). Start again: the joining tablet must scan the invitation shown now.'
} as const satisfies Record<keyof typeof source, string>;

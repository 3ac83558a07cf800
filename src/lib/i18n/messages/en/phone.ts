import type { phone as source } from '../fr-CA/phone';

export const phone = {
	'phone.title': 'Take part',
	'phone.opening': 'Opening the session…',
	'phone.searching': 'Connecting to the venue hub…',
	'phone.retry': 'Try again',
	'phone.retrying': 'Trying again automatically in a few seconds: this page picks up by itself as soon as the hub answers.',
	'phone.error.notHub': 'This page must be opened from the venue hub (the QR code’s address).',
	'phone.error.keyRenewed': 'This code predates the renewal of the session key: it no longer works. Nothing was received. Scan the station’s new sheet.',
	'phone.error.refused': 'This code is not accepted for this session: the key does not match. Nothing was received. Ask the facilitator for a new code.',
	'phone.error.unreachable': 'The venue hub does not answer. Check that this phone is on the venue’s Wi-Fi.',
	'phone.error.notOnHub': 'The hub answers, but this session is not on it yet: the facilitator’s tablet must connect to it first. Try again in a moment.',
	'phone.error.otherSession': 'The hub sent another session than the code’s. Ask the facilitator for a new code.',
	'phone.error.kitMissing': 'This session’s kit ({kit}) is not served by the venue hub, so this phone cannot show it. Use one of the room’s tablets, or ask the facilitator to start the hub with this kit included.',
	'phone.error.kitDifferent': 'The kit the hub serves ({kit}) is not identical to the session’s. Ask the facilitator to check the hub’s kit.',
	'phone.error.failed': 'The session could not be opened on this phone: {reason}',
	'phone.error.stationMissing': 'This station is not part of this session. Scan another station’s code or choose it here.',
	'phone.status.connected': 'Connected to the venue hub: your notes are sent.',
	'phone.status.connecting': 'Connecting to the venue hub…',
	'phone.status.lost': 'Connection to the venue hub lost. Your notes stay on this phone and will be sent as soon as it is back.',
	'phone.status.keyRenewed': 'The facilitator renewed the session key: this code no longer works. Your notes stay on this phone; scan the station’s new sheet.',
	'phone.status.notOnHub':
		'The session is not (or no longer) on the venue hub: the facilitator’s tablet must connect to it. Your notes stay on this phone; trying again automatically.',
	'phone.status.hubFull': 'The venue hub is full: it takes no more notes. Yours stay on this phone; tell the facilitator.',
	'phone.status.refused': 'The venue hub refuses this code (different key). Your notes stay on this phone; ask the facilitator for a new code.',
	'phone.join.heading': 'Choose your station',
	'phone.join.help': 'Tap the station you are at.',
	'phone.join.none': 'This session has no stations to write at for now.',
	'phone.join.back': 'All stations',
	'phone.summary.heading': 'Session summary',
	'phone.summary.help': 'This summary is read-only. It holds no names. Keep this page open or take a screenshot to keep it.',
	'phone.summary.waiting': 'The summary is coming from the venue hub…'
} as const satisfies Record<keyof typeof source, string>;

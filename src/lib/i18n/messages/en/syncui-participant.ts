import type { syncuiParticipant as source } from '../fr-CA/syncui-participant';

export const syncuiParticipant = {
	'syncui.settings.hubCodeInvalid': 'This is not a hub code: it has 12 letters and digits, for example K7QM-4TZP-9XRA.',
	'syncui.settings.tooMany': 'Give at most {max} addresses.',
	'syncui.badge.more': 'What does this state mean?',
	'syncui.badge.offline': 'Alone: no other tablet is reachable right now. Everything is saved on this device and will be merged on reconnection.',
	'syncui.badge.syncing': 'Syncing: this device is exchanging contributions with the other tablets.',
	'syncui.badge.caught-up':
		'Up to date: every connected device has confirmed it holds exactly what this one holds, and the other way round. After each new contribution the state goes back to syncing until the next confirmation.',
	'syncui.badge.alone':
		'No other tablet is connected to this session for now. Nothing is missing: everything is saved on this device, and the tablets will bring each other up to date as soon as another one connects.',
	'syncui.badge.hubDown':
		'The venue hub has not answered for {minutes, plural, =0 {less than a minute} other {# min}}. Everything stays saved on this device, but phones receive nothing and their notes wait on them. Check that the hub’s computer is on and on the venue’s Wi-Fi: the connection comes back by itself when it returns.',
	'syncui.badge.hubOnly': 'Up to date with the venue hub, which relays the phones. No other tablet is connected for now.',
	'syncui.badge.revoked': 'This device was removed from the session: it no longer exchanges. What was written on it stays saved here.',
	'syncui.badge.saveError': 'Saving on this device failed: free some space, then reopen the session.'
} as const satisfies Record<keyof typeof source, string>;

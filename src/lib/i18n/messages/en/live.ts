import type { live as source } from '../fr-CA/live';

export const live = {
	'live.error.noId': 'This page’s address does not name a session.',
	'live.error.notFound': 'This session is not on this device. It may have been deleted, or it was created on another tablet: join it with its code.',
	'live.error.kitMissing': 'This session’s kit ({kit}) is not on this device. Import it under Kits, then reopen the session.',
	'live.error.unexpected': 'The session could not be opened: {reason}',
	'live.group.heading': 'Your group',
	'live.group.choose': 'Which group are you writing for on this tablet?',
	'live.group.newLabel': 'New group (name)',
	'live.group.create': 'Create the group',
	'live.consent.heading': 'Before you take part',
	'live.consent.accept': 'I agree to take part',
	'live.consent.decline': 'I prefer to only read',
	'live.consent.declinedNote': 'All right: you can read the posters and the glossary without writing anything.',
	'live.consent.reconsider': 'Change my answer',
	'live.save.saved': 'Saved',
	'live.save.saving': 'Saving…',
	'live.save.error': 'Not saved: check the device’s free space',
	'live.sync.offline': 'alone',
	'live.sync.connecting': 'connecting…',
	'live.sync.syncing': 'syncing…',
	'live.sync.caught-up': 'up to date',
	'live.sync.peers': '{count, plural, one {# other screen} other {# other screens}}',
	'live.activity.notStarted': 'The workshop has not started yet. This screen will follow the current activity as soon as the facilitator starts it.',
	'live.backToSessions': 'Back to sessions'
} as const satisfies Record<keyof typeof source, string>;

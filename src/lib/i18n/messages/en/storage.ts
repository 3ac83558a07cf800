import type { storage as source } from '../fr-CA/storage';

export const storage = {
	'storage.error.full':
		'This device’s storage is full: the latest contributions are not saved yet. They stay on screen; free some space or export the session, then try again.',
	'storage.error.write': 'Saving on this device failed. Contributions stay on screen; another attempt will follow.',
	'storage.error.read': 'This device’s data could not be read.',
	'storage.error.unavailable':
		'Local storage is unavailable in this browser (private browsing?). Nothing will be kept after the page closes.',
	'storage.error.blocked':
		'Tablée is open in another tab with a different version. Close the other tabs, then reload.',
	'storage.error.corrupt': 'A damaged record was skipped ({table}).',
	'storage.error.sessionNotFound': 'This session does not exist on this device.',
	'storage.error.invalidInput': 'Value refused for “{field}”.'
} as const satisfies Record<keyof typeof source, string>;

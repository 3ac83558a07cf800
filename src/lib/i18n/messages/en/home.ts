import type { home as source } from '../fr-CA/home';

export const home = {
	'home.intro': 'Choose a workshop kit to browse it, or import one. Everything stays on this device.',
	'home.sessions.heading': 'Recent sessions',
	'home.sessions.all': 'All sessions',
	'home.kits.heading': 'Workshop kits',
	'home.kits.manage': 'Manage kits',
	'home.device.heading': 'This device',
	'home.device.offlineReady': 'The app is ready to work without internet.',
	'home.device.offlineNotYet': 'Keep this page open for a moment while the app gets ready to work offline.'
} as const satisfies Record<keyof typeof source, string>;

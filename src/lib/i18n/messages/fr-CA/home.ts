/** Home screen. */
export const home = {
	'home.intro': 'Choisissez une trousse d’atelier pour la parcourir, ou importez-en une. Tout reste sur cet appareil.',
	'home.sessions.heading': 'Séances récentes',
	'home.sessions.all': 'Toutes les séances',
	'home.kits.heading': 'Trousses d’atelier',
	'home.kits.manage': 'Gérer les trousses',
	'home.device.heading': 'Cet appareil',
	'home.device.offlineReady': 'L’application est prête à fonctionner sans Internet.',
	'home.device.offlineNotYet': 'Gardez cette page ouverte un instant pendant que l’application se prépare pour le travail hors ligne.'
} as const;

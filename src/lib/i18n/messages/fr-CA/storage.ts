/** Local storage on this device: errors when reading or writing the device's database. */
export const storage = {
	'storage.error.full':
		'L’espace de stockage de cet appareil est plein : les dernières contributions ne sont pas encore enregistrées. Elles restent à l’écran ; libérez de l’espace ou exportez la session, puis réessayez.',
	'storage.error.write':
		'L’enregistrement sur cet appareil a échoué. Les contributions restent à l’écran ; un nouvel essai suivra.',
	'storage.error.read': 'Les données de cet appareil n’ont pas pu être lues.',
	'storage.error.unavailable':
		'Le stockage local est indisponible dans ce navigateur (navigation privée ?). Rien ne sera conservé après la fermeture de la page.',
	'storage.error.blocked':
		'Tablée est ouverte dans un autre onglet avec une version différente. Fermez les autres onglets, puis rechargez.',
	'storage.error.corrupt': 'Un enregistrement abîmé a été ignoré ({table}).',
	'storage.error.sessionNotFound': 'Cette session n’existe pas sur cet appareil.',
	'storage.error.invalidInput': 'Valeur refusée pour « {field} ».'
} as const;

/** Screens for connecting tablets: device settings, inviting and joining, the tablets panel. The part the participant screens (station, phone) show. */
export const syncuiParticipant = {
	'syncui.settings.hubCodeInvalid': 'Ce n’est pas un code de boîtier : il compte 12 lettres et chiffres, par exemple K7QM-4TZP-9XRA.',
	'syncui.settings.tooMany': 'Indiquez au plus {max} adresses.',
	'syncui.badge.more': 'Que veut dire cet état?',
	'syncui.badge.offline':
		'Seul : aucune autre tablette n’est jointe en ce moment. Tout est enregistré sur cet appareil et sera mis en commun à la reconnexion.',
	'syncui.badge.syncing': 'Synchronisation : cet appareil échange les contributions avec les autres tablettes.',
	'syncui.badge.caught-up':
		'À jour : chaque appareil connecté a confirmé contenir exactement ce que contient celui-ci, et l’inverse. Après chaque nouvelle contribution, l’état repasse en synchronisation jusqu’à la confirmation suivante.',
	'syncui.badge.alone':
		'Aucune autre tablette n’est connectée à cette séance pour l’instant. Rien ne manque : tout est enregistré sur cet appareil, et les tablettes se mettront à jour entre elles dès qu’une autre se connectera.',
	'syncui.badge.hubDown':
		'Le boîtier de la salle ne répond plus depuis {minutes, plural, =0 {moins d’une minute} other {# min}}. Tout reste enregistré sur cet appareil, mais les téléphones ne reçoivent plus rien et leurs notes attendent sur eux. Vérifiez que l’ordinateur du boîtier est allumé et sur le Wi-Fi de la salle : la connexion reprend seule à son retour.',
	'syncui.badge.hubOnly': 'À jour avec le boîtier de la salle, qui relaie les téléphones. Aucune autre tablette n’est connectée pour l’instant.',
	'syncui.badge.revoked': 'Cet appareil a été retiré de la séance : il n’échange plus. Ce qui y a été écrit reste enregistré ici.',
	'syncui.badge.saveError': 'L’enregistrement sur cet appareil a échoué : libérez de l’espace, puis rouvrez la séance.'
} as const;

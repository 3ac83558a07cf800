/** Linking tablets by QR codes with no server: codes, steps, failures, the device check. The part the participant screens (station, phone) show. */
export const pairingParticipant = {
	'sync.qr.code.empty': 'Aucun code : scannez le code QR ou tapez le code affiché sous le code QR.',
	'sync.qr.code.joinLink': 'C’est un lien d’invitation, pas un code de jumelage. Ouvrez-le avec l’appareil photo, ou scannez le code de jumelage de l’autre tablette.',
	'sync.qr.code.notCode': 'Ce n’est pas un code de jumelage Tablée. Vérifiez que vous scannez l’écran de l’autre tablette, à l’étape indiquée.',
	'sync.qr.code.corrupt': 'Ce code est incomplet ou mal recopié. Scannez-le de nouveau, ou vérifiez chaque caractère.',
	'sync.qr.code.version': 'Ce code vient d’une autre version de Tablée. Mettez à jour l’application sur les deux tablettes (en ligne), puis recommencez.',
	'sync.qr.code.notOffer': 'C’est un code de réponse. Sur cette tablette, scannez le code d’invitation montré par une tablette déjà reliée.',
	'sync.qr.code.notAnswer': 'C’est un code d’invitation. Scannez plutôt le code de réponse affiché par la tablette qui se joint.',
	'sync.qr.code.otherSession': 'Ce code vient d’une autre séance. Vérifiez que les deux tablettes sont dans la même séance.',
	'sync.qr.code.wrongProof':
		'Ce code de réponse ne correspond pas à l’invitation affichée ici (autre séance, ancienne clé ou invitation précédente). Recommencez : la tablette qui se joint doit scanner l’invitation affichée maintenant.',
	'sync.qr.error.noCandidate': 'Cette tablette n’a trouvé aucune adresse sur le réseau. Vérifiez qu’elle est connectée au Wi-Fi de la salle et que le routeur donne une « passerelle » (voir le guide d’animation), puis recommencez.',
	'sync.qr.error.browser': 'Ce navigateur n’a pas pu préparer la connexion directe. Essayez Chrome (Android) ou Safari (iPad) à jour.',
	'sync.qr.error.unreachable': 'Les deux tablettes ne se joignent pas. Elles doivent être sur le même réseau Wi-Fi, et ce réseau ne doit pas isoler les appareils (un réseau « invités » le fait souvent). Recommencez sur un autre réseau ou après avoir changé le réglage du routeur.',
	'sync.qr.error.answerTimeout': 'L’autre tablette n’a pas scanné la réponse à temps. Recommencez en scannant une nouvelle invitation.',
	'sync.qr.error.used': 'Cette invitation a déjà servi. Créez une nouvelle invitation.',
	'sync.qr.error.cancelled': 'Jumelage annulé.',
	'pairing.lost': 'Cette tablette n’est plus reliée aux autres (page rechargée ou Wi-Fi coupé). Ce qui est écrit ici reste enregistré. Pour la relier de nouveau, scannez le code d’une tablette encore reliée :',
	'pairing.lostLink': 'relier cette tablette',
	'sync.qr.code.relink': 'C’est un code pour relier de nouveau une tablette déconnectée. Scannez-le avec cette tablette-là, sur l’écran « Relier de nouveau cette tablette ».',
	'sync.qr.code.otherDevice': 'Ce code est fait pour une autre tablette. Sur la tablette reliée, touchez « Relier de nouveau » à côté du nom de cette tablette-ci.',
	'sync.qr.code.relinkWrongKey': 'Ce code n’a pas été fait avec la clé de cette séance (ancienne clé ?). Reliez cette tablette avec les deux codes : l’autre tablette choisit « Inviter une autre tablette ».',
	'sync.qr.relink.failed': 'La tablette n’a pas pu être reliée en un seul scan. Reliez-la avec les deux codes : sur la tablette reliée, choisissez « Inviter une autre tablette ».',
	'sync.qr.relink.noIdentity': 'Ce navigateur ne garde pas l’identité de la tablette : le relier en un seul scan est impossible. Reliez-la avec les deux codes.'
} as const;

/** Linking tablets by QR codes with no server: codes, steps, failures, the device check. */
export const pairing = {
	'sync.qr.code.empty': 'Aucun code : scannez le code QR ou tapez le code affiché sous le code QR.',
	'sync.qr.code.joinLink': 'C’est un lien d’invitation, pas un code de jumelage. Ouvrez-le avec l’appareil photo, ou scannez le code de jumelage de l’autre tablette.',
	'sync.qr.code.notCode': 'Ce n’est pas un code de jumelage Tablée. Vérifiez que vous scannez l’écran de l’autre tablette, à l’étape indiquée.',
	'sync.qr.code.corrupt': 'Ce code est incomplet ou mal recopié. Scannez-le de nouveau, ou vérifiez chaque caractère.',
	'sync.qr.code.version': 'Ce code vient d’une autre version de Tablée. Mettez à jour l’application sur les deux tablettes (en ligne), puis recommencez.',
	'sync.qr.code.notOffer': 'C’est un code de réponse. Sur cette tablette, scannez le code d’invitation montré par une tablette déjà reliée.',
	'sync.qr.code.notAnswer': 'C’est un code d’invitation. Scannez plutôt le code de réponse affiché par la tablette qui se joint.',
	'sync.qr.code.otherSession': 'Ce code vient d’une autre séance. Vérifiez que les deux tablettes sont dans la même séance.',
	'sync.qr.code.wrongProof':
		'Ce code de réponse ne correspond pas à l’invitation affichée ici (autre séance, ancienne clé ou invitation précédente). Recommencez : la tablette qui se joint doit scanner l’invitation affichée maintenant.'
} as const;

/** Printable station sheets (phone QR codes) and the wall's take-home code. */
export const sheets = {
	'sheets.pageTitle': 'Feuilles à imprimer pour les téléphones',
	'sheets.intro': 'Chaque feuille porte un grand code QR. Les participantes et participants le scannent avec leur téléphone pour ouvrir une station et y écrire. Posez une feuille à chaque station, et la feuille générale à l’entrée.',
	'sheets.back': 'Retour à la console',
	'sheets.keyWarning': 'Ces feuilles donnent accès à la séance : leur code contient la clé de la séance. Gardez-les dans la salle et ramassez-les à la fin. Si vous renouvelez le code de la séance, imprimez-les de nouveau.',

	'sheets.hub.heading': 'Adresse du relais de salle',
	'sheets.hub.help': 'Les téléphones ouvrent Tablée seulement par le relais de salle (npm run hub, sur un portable branché au Wi-Fi de la salle). Au démarrage, le relais affiche son adresse, par exemple http://192.168.1.10:8080.',
	'sheets.hub.label': 'Adresse du relais, telle que les téléphones la voient',
	'sheets.hub.save': 'Utiliser cette adresse',
	'sheets.hub.saved': 'Adresse enregistrée pour cette séance : {origin}',
	'sheets.hub.fromSignaling': 'Adresse tirée du serveur de rendez-vous des tablettes (Réglages) : {origin}',
	'sheets.hub.typed': 'Adresse inscrite pour cette séance : {origin}',
	'sheets.hub.missing': 'Aucune adresse de relais. Sans relais, les téléphones ne peuvent pas ouvrir Tablée. Lancez le relais, puis inscrivez ici l’adresse qu’il affiche.',
	'sheets.hub.loopback': 'Cet appareil joint le relais par {origin}, une adresse qui ne fonctionne que sur cet ordinateur. Inscrivez l’adresse que les téléphones utilisent : celle que le relais affiche, par exemple http://192.168.1.10:8080.',
	'sheets.hub.error.empty': 'Inscrivez l’adresse du relais, par exemple http://192.168.1.10:8080.',
	'sheets.hub.error.invalid': 'Cette adresse n’est pas valide. Elle ressemble à ceci : http://192.168.1.10:8080.',
	'sheets.hub.error.scheme': 'L’adresse du relais commence par http:// (ou https://), par exemple http://192.168.1.10:8080.',
	'sheets.hub.error.path': 'Inscrivez seulement l’adresse du relais, sans rien après le numéro de port : par exemple http://192.168.1.10:8080.',
	'sheets.hub.error.loopback': '« {host} » ne fonctionne que sur cet ordinateur : un téléphone n’ouvrirait rien. Inscrivez l’adresse du portable sur le Wi-Fi, par exemple http://192.168.1.10:8080.',

	'sheets.paper.legend': 'Format du papier',
	'sheets.paper.letter': 'Lettre (8,5 × 11 po)',
	'sheets.paper.a4': 'A4 (210 × 297 mm)',
	'sheets.choose.legend': 'Feuilles à imprimer',
	'sheets.choose.join': 'Feuille générale : chaque personne choisit sa station',
	'sheets.choose.station': 'Station : {title}',
	'sheets.choose.all': 'Tout cocher',
	'sheets.choose.none': 'Tout décocher',
	'sheets.noStations': 'Le déroulement de cette séance n’a aucune station : seule la feuille générale est proposée.',
	'sheets.print': 'Imprimer {count, plural, one {# feuille} other {# feuilles}}',
	'sheets.printHelp': 'La fenêtre d’impression de l’appareil s’ouvre. Choisissez le même format de papier et l’échelle 100 % (pas « Ajuster à la page »).',
	'sheets.nothingChosen': 'Cochez au moins une feuille à imprimer.',
	'sheets.preview.heading': 'Aperçu',
	'sheets.preview.help': 'Voici ce qui sera imprimé, une feuille par page.',
	'sheets.preview.sheet': 'Feuille {index} sur {total}',
	'sheets.qrFailed': 'Le code QR n’a pas pu être créé.',
	'sheets.qrLabel.station': 'Code QR qui ouvre la station « {title} » sur un téléphone',
	'sheets.qrLabel.join': 'Code QR qui ouvre la séance sur un téléphone',

	// Printed on the sheets, in both languages whatever the screen's language.
	'sheets.sheet.kicker': 'Station',
	'sheets.sheet.joinTitle': 'Participez avec votre téléphone',
	'sheets.sheet.scanStation': 'Scannez ce code avec l’appareil photo de votre téléphone pour ouvrir cette station et y écrire vos idées.',
	'sheets.sheet.scanJoin': 'Scannez ce code avec l’appareil photo de votre téléphone, puis choisissez votre station.',
	'sheets.sheet.wifi': 'Votre téléphone doit être branché au Wi-Fi de la salle.',

	'sheets.link': 'Feuilles à imprimer : codes QR pour les téléphones',

	'sheets.wall.caption': 'Scannez ce code pour emporter sur votre téléphone le résumé de la séance.',
	'sheets.wall.qrLabel': 'Code QR du résumé de la séance, pour les téléphones'
} as const;

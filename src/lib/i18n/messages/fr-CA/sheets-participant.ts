/** Printable station sheets (phone QR codes) and the wall's take-home code. The part the participant screens (station, phone) show. */
export const sheetsParticipant = {
	'sheets.hub.error.empty': 'Inscrivez l’adresse du relais, par exemple http://192.168.1.10:8080.',
	'sheets.hub.error.invalid': 'Cette adresse n’est pas valide. Elle ressemble à ceci : http://192.168.1.10:8080.',
	'sheets.hub.error.scheme': 'L’adresse du relais commence par http:// (ou https://), par exemple http://192.168.1.10:8080.',
	'sheets.hub.error.path': 'Inscrivez seulement l’adresse du relais, sans rien après le numéro de port : par exemple http://192.168.1.10:8080.',
	'sheets.hub.error.loopback': '« {host} » ne fonctionne que sur cet ordinateur : un téléphone n’ouvrirait rien. Inscrivez l’adresse du portable sur le Wi-Fi, par exemple http://192.168.1.10:8080.',
	'sheets.qrFailed': 'Le code QR n’a pas pu être créé.',
	'sheets.wall.caption': 'Scannez ce code pour emporter sur votre téléphone le résumé de la séance.',
	'sheets.wall.qrLabel': 'Code QR du résumé de la séance, pour les téléphones'
} as const;

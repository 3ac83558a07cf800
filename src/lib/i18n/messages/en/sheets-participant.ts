import type { sheetsParticipant as source } from '../fr-CA/sheets-participant';

export const sheetsParticipant = {
	'sheets.hub.error.empty': 'Enter the hub’s address, for example http://192.168.1.10:8080.',
	'sheets.hub.error.invalid': 'This address is not valid. It looks like this: http://192.168.1.10:8080.',
	'sheets.hub.error.scheme': 'The hub’s address starts with http:// (or https://), for example http://192.168.1.10:8080.',
	'sheets.hub.error.path': 'Enter only the hub’s address, with nothing after the port number: for example http://192.168.1.10:8080.',
	'sheets.hub.error.loopback': '“{host}” only works on this computer: a phone would open nothing. Enter the laptop’s address on the Wi-Fi, for example http://192.168.1.10:8080.',
	'sheets.qrFailed': 'The QR code could not be created.',
	'sheets.wall.caption': 'Scan this code to take the session summary home on your phone.',
	'sheets.wall.qrLabel': 'QR code of the session summary, for phones'
} as const satisfies Record<keyof typeof source, string>;

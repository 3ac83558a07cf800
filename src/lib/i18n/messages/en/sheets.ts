import type { sheets as source } from '../fr-CA/sheets';

export const sheets = {
	'sheets.pageTitle': 'Sheets to print for phones',
	'sheets.intro': 'Each sheet carries a large QR code. Participants scan it with their phone to open a station and write there. Put one sheet at each station, and the general sheet at the entrance.',
	'sheets.back': 'Back to the console',
	'sheets.keyWarning': 'These sheets give access to the session: their code holds the session key. Keep them in the room and collect them at the end. If you renew the session code, print them again.',

	'sheets.hub.heading': 'Venue hub address',
	'sheets.hub.help': 'Phones open Tablée only through the venue hub (npm run hub, on a laptop on the venue’s Wi-Fi). When it starts, the hub prints its address, for example http://192.168.1.10:8080.',
	'sheets.hub.label': 'Hub address, as phones see it',
	'sheets.hub.save': 'Use this address',
	'sheets.hub.saved': 'Address saved for this session: {origin}',
	'sheets.hub.fromSignaling': 'Address taken from the tablets’ meeting-point server (Settings): {origin}',
	'sheets.hub.typed': 'Address entered for this session: {origin}',
	'sheets.hub.missing': 'No hub address. Without the hub, phones cannot open Tablée. Start the hub, then enter the address it prints here.',
	'sheets.hub.loopback': 'This device reaches the hub through {origin}, an address that only works on this computer. Enter the address phones use: the one the hub prints, for example http://192.168.1.10:8080.',
	'sheets.hub.error.empty': 'Enter the hub’s address, for example http://192.168.1.10:8080.',
	'sheets.hub.error.invalid': 'This address is not valid. It looks like this: http://192.168.1.10:8080.',
	'sheets.hub.error.scheme': 'The hub’s address starts with http:// (or https://), for example http://192.168.1.10:8080.',
	'sheets.hub.error.path': 'Enter only the hub’s address, with nothing after the port number: for example http://192.168.1.10:8080.',
	'sheets.hub.error.loopback': '“{host}” only works on this computer: a phone would open nothing. Enter the laptop’s address on the Wi-Fi, for example http://192.168.1.10:8080.',

	'sheets.paper.legend': 'Paper size',
	'sheets.paper.letter': 'Letter (8.5 × 11 in)',
	'sheets.paper.a4': 'A4 (210 × 297 mm)',
	'sheets.choose.legend': 'Sheets to print',
	'sheets.choose.join': 'General sheet: each person chooses their station',
	'sheets.choose.station': 'Station: {title}',
	'sheets.choose.all': 'Check all',
	'sheets.choose.none': 'Uncheck all',
	'sheets.noStations': 'This session’s agenda has no station: only the general sheet is offered.',
	'sheets.print': 'Print {count, plural, one {# sheet} other {# sheets}}',
	'sheets.printHelp': 'The device’s print window opens. Choose the same paper size and 100 % scale (not “Fit to page”).',
	'sheets.nothingChosen': 'Check at least one sheet to print.',
	'sheets.preview.heading': 'Preview',
	'sheets.preview.help': 'This is what will print, one sheet per page.',
	'sheets.preview.sheet': 'Sheet {index} of {total}',
	'sheets.qrFailed': 'The QR code could not be created.',
	'sheets.qrLabel.station': 'QR code that opens the station “{title}” on a phone',
	'sheets.qrLabel.join': 'QR code that opens the session on a phone',

	'sheets.sheet.kicker': 'Station',
	'sheets.sheet.joinTitle': 'Take part with your phone',
	'sheets.sheet.scanStation': 'Scan this code with your phone’s camera to open this station and write your ideas there.',
	'sheets.sheet.scanJoin': 'Scan this code with your phone’s camera, then choose your station.',
	'sheets.sheet.wifi': 'Your phone must be connected to the room’s Wi-Fi.',

	'sheets.link': 'Sheets to print: QR codes for phones',

	'sheets.wall.caption': 'Scan this code to take the session summary home on your phone.',
	'sheets.wall.qrLabel': 'QR code of the session summary, for phones'
} as const satisfies Record<keyof typeof source, string>;

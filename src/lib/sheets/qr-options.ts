/**
 * QR settings for phone codes. A phone link is 110–180 characters (`phone-link.ts`).
 *
 * Paper: level Q (25 % of the code may be lost) because printed sheets get folded, stained,
 * written on and lit at an angle; at these lengths Q gives QR version 7–10 (45–57 modules plus
 * a 4-module quiet zone, the standard's minimum). Printed about 10 cm wide (the sheet gives way
 * to 6 cm only for the longest texts a kit allows), a module is 1.6–2 mm (0.9 mm at the least):
 * by the usual 10:1 rule a phone reads it from 15–20 cm to well past arm's length.
 *
 * Wall: level M, because a projected image is clean but seen from afar: fewer, larger modules
 * read better from the back of the room than extra redundancy.
 */
import type { QRCodeToStringOptions } from 'qrcode';

export const PAPER_QR: QRCodeToStringOptions = { type: 'svg', errorCorrectionLevel: 'Q', margin: 4 };
export const WALL_QR: QRCodeToStringOptions = { type: 'svg', errorCorrectionLevel: 'M', margin: 4 };

/**
 * QR settings for phone codes. A phone link is 110–180 characters (`phone-link.ts`).
 *
 * Paper: level Q (25 % of the code may be lost) because printed sheets get folded, stained,
 * written on and lit at an angle; at these lengths Q gives QR version 7–10 (45–57 modules plus
 * a 4-module quiet zone, the standard's minimum). Printed about 10 cm wide (the sheet gives way
 * to 6 cm only for the longest texts a kit allows), a module is 1.6–2 mm (0.9 mm at the least):
 * by the usual rule (reading distance up to about ten times the code's width) a phone reads a
 * 10 cm code from about 1 m, a 6 cm one from 60 cm.
 *
 * Wall: level M, because a projected image is clean but seen from afar: fewer, larger modules
 * read better from the back of the room than extra redundancy.
 */
import type { QRCodeToStringOptions } from 'qrcode';

export const PAPER_QR: QRCodeToStringOptions = { type: 'svg', errorCorrectionLevel: 'Q', margin: 4 };
export const WALL_QR: QRCodeToStringOptions = { type: 'svg', errorCorrectionLevel: 'M', margin: 4 };

/**
 * A QR code as an SVG string. `qrcode` (≈8 KB gz) is loaded the first time a screen draws one, so
 * the screens that never show a QR code (a station until the workshop ends, the phone page) do
 * not download it; the service worker precaches its chunk for offline use.
 */
import type { QRCodeToStringOptions } from 'qrcode';

export async function qrSvg(text: string, options: QRCodeToStringOptions): Promise<string> {
	const { default: QRCode } = await import('qrcode');
	return QRCode.toString(text, options);
}

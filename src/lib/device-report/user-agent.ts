/**
 * The browser engine and version as the user-agent string claims them. Only a claim: browsers
 * freeze or fake parts of it (iPadOS Safari says "Macintosh", every iOS browser is WebKit
 * whatever its name), so the report labels it "from the user agent" and keeps the raw string.
 */
export type EngineFamily = 'webkit' | 'gecko' | 'blink' | 'unknown';

export interface UserAgentInfo {
	engine: EngineFamily;
	/** The browser as named by the string (Safari, Firefox, Chrome, Edge, Samsung Internet…). */
	browser: string;
	/** Its version, as written there ('' when absent). */
	version: string;
	/** The system it claims (iOS/iPadOS, Android, macOS, Windows, Linux, ChromeOS, or ''). */
	os: string;
}

const first = (ua: string, pattern: RegExp) => pattern.exec(ua)?.[1] ?? '';

function osOf(ua: string): string {
	if (/iPhone|iPad|iPod/.test(ua)) return 'iOS';
	if (/Android/.test(ua)) return 'Android';
	if (/CrOS/.test(ua)) return 'ChromeOS';
	if (/Macintosh|Mac OS X/.test(ua)) return 'macOS';
	if (/Windows/.test(ua)) return 'Windows';
	if (/Linux|X11/.test(ua)) return 'Linux';
	return '';
}

/** Reads `navigator.userAgent`. `touchPoints` tells an iPad posing as a Mac from a Mac. */
export function parseUserAgent(ua: string, touchPoints = 0): UserAgentInfo {
	let os = osOf(ua);
	if (os === 'macOS' && touchPoints > 1) os = 'iOS';
	// On iOS every browser is WebKit, whatever name it gives itself.
	if (os === 'iOS') {
		const named =
			(first(ua, /CriOS\/([\d.]+)/) && { browser: 'Chrome', version: first(ua, /CriOS\/([\d.]+)/) }) ||
			(first(ua, /FxiOS\/([\d.]+)/) && { browser: 'Firefox', version: first(ua, /FxiOS\/([\d.]+)/) }) ||
			(first(ua, /EdgiOS\/([\d.]+)/) && { browser: 'Edge', version: first(ua, /EdgiOS\/([\d.]+)/) }) || { browser: 'Safari', version: first(ua, /Version\/([\d.]+)/) };
		return { engine: 'webkit', ...named, os };
	}
	if (/Gecko\/\d/.test(ua) && /Firefox\//.test(ua)) return { engine: 'gecko', browser: 'Firefox', version: first(ua, /Firefox\/([\d.]+)/), os };
	if (/SamsungBrowser\//.test(ua)) return { engine: 'blink', browser: 'Samsung Internet', version: first(ua, /SamsungBrowser\/([\d.]+)/), os };
	if (/Edg\//.test(ua)) return { engine: 'blink', browser: 'Edge', version: first(ua, /Edg\/([\d.]+)/), os };
	if (/Chrom(e|ium)\//.test(ua)) return { engine: 'blink', browser: /Chromium\//.test(ua) ? 'Chromium' : 'Chrome', version: first(ua, /Chrom(?:e|ium)\/([\d.]+)/), os };
	if (/AppleWebKit\//.test(ua)) {
		const version = first(ua, /Version\/([\d.]+)/);
		return { engine: 'webkit', browser: /Safari\//.test(ua) ? 'Safari' : 'WebKit', version, os };
	}
	return { engine: 'unknown', browser: '', version: '', os };
}

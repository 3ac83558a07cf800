import { describe, expect, it } from 'vitest';
import { parseUserAgent } from '$lib/device-report';

const UA = {
	firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
	webkitGtk: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15',
	chromiumLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36',
	ipadDesktop: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Safari/605.1.15',
	iphoneChrome: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/140.0.7339.101 Mobile/15E148 Safari/604.1',
	androidSamsung: 'Mozilla/5.0 (Linux; Android 14; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/27.0 Chrome/125.0.0.0 Safari/537.36',
	androidChrome: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
	edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0'
};

describe('engine from the user agent', () => {
	it('reads the engines the project meets', () => {
		expect(parseUserAgent(UA.firefoxLinux)).toEqual({ engine: 'gecko', browser: 'Firefox', version: '153.0', os: 'Linux' });
		expect(parseUserAgent(UA.webkitGtk)).toEqual({ engine: 'webkit', browser: 'Safari', version: '60.5', os: 'Linux' });
		expect(parseUserAgent(UA.chromiumLinux)).toEqual({ engine: 'blink', browser: 'Chrome', version: '150.0.0.0', os: 'Linux' });
		expect(parseUserAgent(UA.androidSamsung)).toEqual({ engine: 'blink', browser: 'Samsung Internet', version: '27.0', os: 'Android' });
		expect(parseUserAgent(UA.androidChrome)).toEqual({ engine: 'blink', browser: 'Chrome', version: '140.0.0.0', os: 'Android' });
		expect(parseUserAgent(UA.edgeWindows)).toEqual({ engine: 'blink', browser: 'Edge', version: '140.0.0.0', os: 'Windows' });
	});

	it('an iPad posing as a Mac is told apart by its touch points; any iOS browser is WebKit', () => {
		expect(parseUserAgent(UA.ipadDesktop, 0).os).toBe('macOS');
		expect(parseUserAgent(UA.ipadDesktop, 5)).toEqual({ engine: 'webkit', browser: 'Safari', version: '18.6', os: 'iOS' });
		expect(parseUserAgent(UA.iphoneChrome)).toEqual({ engine: 'webkit', browser: 'Chrome', version: '140.0.7339.101', os: 'iOS' });
	});

	it('says unknown rather than guessing', () => {
		expect(parseUserAgent('')).toEqual({ engine: 'unknown', browser: '', version: '', os: '' });
	});
});

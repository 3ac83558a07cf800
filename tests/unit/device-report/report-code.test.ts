import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { CHECK_IDS, countStatuses, decodeReport, emptyChecks, encodeReport, reportFileName, type DeviceReport } from '$lib/device-report';

function sampleReport(): DeviceReport {
	const checks = emptyChecks();
	for (const id of CHECK_IDS) checks[id] = { status: 'ok' };
	checks.storageEstimate = { status: 'ok', detail: '12/120345' };
	checks.pairingSelfTest = { status: 'ok', detail: 'i1v0m2' };
	checks.camera = { status: 'ok', detail: '3264x2448' };
	checks.barcodeDetector = { status: 'missing' };
	checks.wakeLock = { status: 'failed', detail: 'NotAllowedError' };
	checks.storagePersisted = { status: 'failed', detail: 'denied' };
	return {
		format: 1,
		app: '1796471234567',
		at: '2026-12-05T11:40Z',
		engine: { engine: 'webkit', browser: 'Safari', version: '18.6', os: 'iOS' },
		userAgent: 'Mozilla/5.0 (iPad; CPU OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1',
		screen: { width: 1180, height: 820, pixelRatio: 2 },
		language: 'fr-CA',
		checks
	};
}

describe('device report code', () => {
	it('round-trips everything but the raw user agent', () => {
		const report = sampleReport();
		const code = encodeReport(report);
		expect(code.startsWith('TABLEE-R1;')).toBe(true);
		const decoded = decodeReport(code);
		const { userAgent: _ua, ...rest } = report;
		expect(decoded).toEqual({ ok: true, value: rest });
	});

	it('keeps separators inside free text from breaking the fields', () => {
		const report = sampleReport();
		report.engine.browser = 'Odd;Name=1,2%';
		report.checks.wakeLock = { status: 'failed', detail: 'a,b;c=d:e%' };
		const decoded = decodeReport(encodeReport(report));
		expect(decoded.ok && decoded.value.engine.browser).toBe('Odd;Name=1,2%');
		expect(decoded.ok && decoded.value.checks.wakeLock).toEqual({ status: 'failed', detail: 'a,b;c=d:e%' });
	});

	it('fits a QR code a phone reads from a screen (level M, version 10 at most)', () => {
		const code = encodeReport(sampleReport());
		expect(code.length).toBeLessThan(200);
		expect(QRCode.create(code, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(10);
	});

	it('refuses other texts with a reason', () => {
		expect(decodeReport('hello')).toEqual({ ok: false, problem: { key: 'notReportCode', params: { header: 'TABLEE-R1' } } });
		const code = encodeReport(sampleReport());
		expect(decodeReport(code.replace(/;s=[a-z]+/, ';s=oo'))).toEqual({ ok: false, problem: { key: 'statusCount', params: { expected: CHECK_IDS.length, found: 2 } } });
		expect(decodeReport(code.replace(/;s=o/, ';s=x'))).toEqual({ ok: false, problem: { key: 'unknownStatus', params: { letter: 'x' } } });
		expect(decodeReport(code.replace(/;l=[^;]+/, ''))).toEqual({ ok: false, problem: { key: 'missingField', params: { field: 'l' } } });
	});

	it('names the saved file after the browser, system and time, and counts statuses', () => {
		const report = sampleReport();
		expect(reportFileName(report)).toBe('tablee-appareil-safari-ios-20261205-1140.json');
		expect(countStatuses(report)).toEqual({ ok: 11, missing: 1, failed: 2, notRun: 0 });
	});
});

/**
 * The device report as a short text for a QR code a phone can read (about 150 characters:
 * QR version 6–8), and back. Fields are `key=value` separated by `;`, after a `TABLEE-R1`
 * header; statuses are one letter per check in `CHECK_IDS` order. The raw user-agent string is
 * left out (the saved file has it).
 *
 *   TABLEE-R1;a=0.1.0;t=202612051140;e=g;b=Firefox;v=153.0;o=Linux;w=1280x800x1;l=fr-CA;s=ooooo…;d=5:12/2048,9:i1v0m2
 */
import { fail, type Problem, type Result } from '../result';
import { CHECK_IDS, type CheckResult, type CheckStatus, type DeviceReport } from './report-model';
import type { EngineFamily } from './user-agent';

export const REPORT_CODE_HEADER = 'TABLEE-R1';

const STATUS_LETTER: Record<CheckStatus, string> = { ok: 'o', missing: 'm', failed: 'f', notRun: 'n' };
const ENGINE_LETTER: Record<EngineFamily, string> = { webkit: 'w', gecko: 'g', blink: 'b', unknown: 'u' };
const byLetter = <T extends string>(map: Record<T, string>) => Object.fromEntries(Object.entries(map).map(([k, v]) => [v, k])) as Record<string, T>;

/** Keeps `;`, `=`, `,` and `%` out of free text so the fields split cleanly. */
const escape = (s: string) => s.replace(/[%;=,]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const unescape = (s: string) => s.replace(/%([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

export function encodeReport(report: DeviceReport): string {
	const details = CHECK_IDS.map((id, i) => (report.checks[id].detail ? `${i}:${escape(report.checks[id].detail!)}` : '')).filter(Boolean);
	const fields: [string, string][] = [
		['a', report.app],
		['t', report.at.replace(/[-:]/g, '').replace('T', '').slice(0, 12)],
		['e', ENGINE_LETTER[report.engine.engine]],
		['b', report.engine.browser],
		['v', report.engine.version],
		['o', report.engine.os],
		['w', `${report.screen.width}x${report.screen.height}x${report.screen.pixelRatio}`],
		['l', report.language],
		['s', CHECK_IDS.map((id) => STATUS_LETTER[report.checks[id].status]).join('')],
		['d', details.join(',')]
	];
	return [REPORT_CODE_HEADER, ...fields.map(([k, v]) => `${k}=${k === 'd' ? v : escape(v)}`)].join(';');
}

export type DecodedReport = Omit<DeviceReport, 'userAgent'>;
/** Why a text is not a report code (for whoever reads a code by hand, not a screen): */
export type DecodeProblemKey = 'notReportCode' | 'missingField' | 'statusCount' | 'unknownStatus' | 'badTime' | 'unknownEngine';

export type DecodeResult = Result<DecodedReport, Problem<DecodeProblemKey>>;

/** Reads a report code back (for whoever collects the trial's results). */
export function decodeReport(code: string): DecodeResult {
	const [header, ...parts] = code.trim().split(';');
	if (header !== REPORT_CODE_HEADER) return fail('notReportCode', { header: REPORT_CODE_HEADER });
	const fields = new Map(parts.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const));
	for (const key of ['a', 't', 'e', 'b', 'v', 'o', 'w', 'l', 's']) if (!fields.has(key)) return fail('missingField', { field: key });
	const statuses = fields.get('s')!;
	if (statuses.length !== CHECK_IDS.length) return fail('statusCount', { expected: CHECK_IDS.length, found: statuses.length });
	const statusOf = byLetter(STATUS_LETTER);
	const engineOf = byLetter(ENGINE_LETTER);
	const details = new Map<number, string>();
	for (const item of (fields.get('d') ?? '').split(',').filter(Boolean)) {
		const at = item.indexOf(':');
		details.set(Number(item.slice(0, at)), unescape(item.slice(at + 1)));
	}
	const checks = {} as Record<(typeof CHECK_IDS)[number], CheckResult>;
	for (const [i, id] of CHECK_IDS.entries()) {
		const status = statusOf[statuses[i]!];
		if (!status) return fail('unknownStatus', { letter: statuses[i] ?? '' });
		checks[id] = details.has(i) ? { status, detail: details.get(i)! } : { status };
	}
	const t = fields.get('t')!;
	if (!/^\d{12}$/.test(t)) return fail('badTime', { time: t });
	const [w, h, r] = unescape(fields.get('w')!).split('x').map(Number);
	const engine = engineOf[fields.get('e')!];
	if (!engine) return fail('unknownEngine', { letter: fields.get('e') ?? '' });
	return {
		ok: true,
		value: {
			format: 1,
			app: unescape(fields.get('a')!),
			at: `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(8, 10)}:${t.slice(10, 12)}Z`,
			engine: { engine, browser: unescape(fields.get('b')!), version: unescape(fields.get('v')!), os: unescape(fields.get('o')!) },
			screen: { width: w ?? 0, height: h ?? 0, pixelRatio: r ?? 0 },
			language: unescape(fields.get('l')!),
			checks
		}
	};
}

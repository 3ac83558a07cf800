/**
 * The device report: what a facilitator brings back from a device trial ("Vérifier cet
 * appareil"), as data. Every check has a status and, where it helps, a language-neutral detail
 * (numbers, sizes); the screen words them in the reader's language.
 */
import type { UserAgentInfo } from './user-agent';

/** The checks, in the order the screen lists them and the QR code encodes them (format 1). */
export const CHECK_IDS = [
	'secureContext',
	'serviceWorker',
	'offlineReady',
	'indexedDb',
	'storagePersisted',
	'storageEstimate',
	'broadcastChannel',
	'webCrypto',
	'peerConnection',
	'pairingSelfTest',
	'camera',
	'barcodeDetector',
	'wakeLock',
	'speech'
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** ok: works; missing: this browser does not have it; failed: it has it, and it failed or was refused; notRun: not tried (yet). */
export type CheckStatus = 'ok' | 'missing' | 'failed' | 'notRun';
export const CHECK_STATUSES: readonly CheckStatus[] = ['ok', 'missing', 'failed', 'notRun'];

export interface CheckResult {
	status: CheckStatus;
	/**
	 * Language-neutral detail: storageEstimate "usedMB/quotaMB"; pairingSelfTest the address kinds
	 * "i<ipv4>v<ipv6>m<mdns>"; camera the largest resolution "1280x720"; failures a short reason
	 * ("denied", "timeout").
	 */
	detail?: string;
}

export interface DeviceReport {
	format: 1;
	/** The app's version. */
	app: string;
	/** When the report was made, to the minute (ISO 8601, UTC). */
	at: string;
	/** Engine and browser as the user-agent string claims them (not verified). */
	engine: UserAgentInfo;
	/** The raw user-agent string (kept in the saved file, too long for the QR code). */
	userAgent: string;
	screen: { width: number; height: number; pixelRatio: number };
	/** The browser's preferred language. */
	language: string;
	checks: Record<CheckId, CheckResult>;
}

export const emptyChecks = (): Record<CheckId, CheckResult> =>
	Object.fromEntries(CHECK_IDS.map((id) => [id, { status: 'notRun' }])) as Record<CheckId, CheckResult>;

/** A file name for the saved report: `tablee-appareil-<browser>-<os>-<yyyymmdd-hhmm>.json`. */
export function reportFileName(report: DeviceReport): string {
	const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'inconnu';
	const stamp = report.at.replace(/[-:]/g, '').replace('T', '-').slice(0, 13);
	return `tablee-appareil-${slug(report.engine.browser)}-${slug(report.engine.os)}-${stamp}.json`;
}

/** How many checks have each status (for the summary line). */
export function countStatuses(report: DeviceReport): Record<CheckStatus, number> {
	const counts: Record<CheckStatus, number> = { ok: 0, missing: 0, failed: 0, notRun: 0 };
	for (const id of CHECK_IDS) counts[report.checks[id].status]++;
	return counts;
}

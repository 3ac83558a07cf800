/**
 * The hub's disk quotas: past the per-session or the total quota the hub refuses further writes
 * for that session with a clear close code (the device says what to do), logs it, and loses
 * nothing it stored; devices still read; other sessions go on while the total allows.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { encodeFrame } from '../../../src/lib/protocol/wire-protocol';
import { keyTag } from '../../../src/lib/sync/session-key';
import { generateSessionKey, hubAccessToken, publishTakeHome, takeHomeUrl, HUB_CLOSE } from '$lib/sync';
import { DiskQuota, parseQuotaSize, DEFAULT_QUOTAS } from '../../../src/hub/disk-quota';
import { SYNC_LIMITS } from '../../../src/lib/protocol/sync-limits';
import { authorisedAuth, makeAppDir, makeTempDir, removeDir, until, type Device } from './hub-fixtures';
import { useHubCleanup } from './hub-cleanup';

const { cleanups, hubFor, device } = useHubCleanup();

const KIB = 1024;
const folderBytes = (dir: string) => (existsSync(dir) ? readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0) : 0);
const text = (i: number) => `note ${i} `.padEnd(KIB, 'x');

/** Writes 1 KiB notes one by one, each once the hub holds the previous, until the hub refuses one. */
async function fillUntilRefused(d: Device, hubNotes: () => number, max = 200): Promise<number> {
	for (let i = 0; i < max; i++) {
		d.notes.set(`n${i}`, text(i));
		await until(() => hubNotes() === i + 1 || d.transport.status.state === 'unavailable', 5000, `note ${i} stored or refused`);
		if (d.transport.status.state === 'unavailable') return i;
	}
	throw new Error('never refused');
}

describe('venue hub disk quotas', () => {
	it('refuses writes past the per-session quota with a clear close code, keeps what it stored, still serves readers and other sessions', async () => {
		const lines: string[] = [];
		const appDir = makeAppDir();
		const dataDir = makeTempDir();
		cleanups.push(() => removeDir(appDir), () => removeDir(dataDir));
		const quota = { sessionBytes: 24 * KIB, totalBytes: 10 * 1024 * KIB };
		const first = await hubFor({ appDir, dataDir, quota, logger: (event, fields) => lines.push(`${event} ${JSON.stringify(fields)}`) });
		const key = generateSessionKey();
		const facilitator = device({ url: first.syncUrl, sessionId: 'atelier-plein', key, role: 'facilitator' });
		await until(() => facilitator.transport.connected, 5000, 'facilitator on the hub');
		const onHub = () => first.hub.registry.get('atelier-plein')?.doc.getMap('notes').size ?? 0;
		const stored = await fillUntilRefused(facilitator, onHub);
		expect(stored).toBeGreaterThan(5);
		expect(facilitator.transport.status).toEqual({ state: 'unavailable', message: { key: 'sync.error.hubFull' } });
		expect(onHub()).toBe(stored);
		const sessionDir = join(dataDir, 'sessions', 'atelier-plein');
		await first.hub.registry.get('atelier-plein')!.sessionLog.flushed();
		const onDisk = folderBytes(sessionDir);
		expect(onDisk).toBeLessThanOrEqual(quota.sessionBytes + 1024);
		const refusal = lines.find((l) => l.startsWith('session.quotaExceeded'));
		expect(refusal).toContain('"session":"atelier-plein"');
		expect(refusal).toContain('"quota":"session"');
		expect(refusal).toContain(`"limitBytes":${quota.sessionBytes}`);
		expect(lines.join('\n')).not.toContain('note 1 ');

		// The refused device keeps asking, slowly, and is refused again: nothing more is written.
		await until(() => lines.filter((l) => l.startsWith('session.quotaExceeded')).length >= 2, 5000, 'a second refusal');
		expect(folderBytes(sessionDir)).toBe(onDisk);
		// On the wire: the dedicated close code and a reason naming the quota.
		const raw = new WebSocket(first.syncUrl);
		const closed = new Promise<{ code: number; reason: string }>((r) => raw.on('close', (code, reason) => r({ code, reason: reason.toString() })));
		cleanups.push(() => raw.terminate());
		await new Promise((r) => raw.once('open', r));
		raw.send(authorisedAuth('atelier-plein', hubAccessToken('atelier-plein', key)));
		await new Promise((r) => raw.once('message', r));
		const scratch = new Y.Doc();
		scratch.getMap('notes').set('gros', 'y'.repeat(30 * KIB));
		raw.send(encodeFrame('raw', '', { type: 'hello', keyTag: keyTag('atelier-plein', key), deviceId: 'raw', role: 'participant', name: 'x', wantReply: false }));
		raw.send(encodeFrame('raw', '', { type: 'update', update: Y.encodeStateAsUpdate(scratch) }));
		expect(await closed).toEqual({ code: HUB_CLOSE.quotaExceeded, reason: 'disk quota of this session reached' });
		expect(folderBytes(sessionDir)).toBe(onDisk);

		// A reader (its state exchange brings nothing new) still gets the whole session and stays.
		const reader = device({ url: first.syncUrl, sessionId: 'atelier-plein', key, hubCode: null });
		await until(() => reader.notes.size === stored, 5000, 'reader has every stored note');
		expect(reader.transport.connected).toBe(true);
		// Another session is under its own quota.
		const other = device({ url: first.syncUrl, sessionId: 'atelier-voisin', key: generateSessionKey() });
		other.notes.set('v', 'voisin');
		await until(() => first.hub.registry.get('atelier-voisin')?.doc.getMap('notes').size === 1, 5000, 'other session writes');

		// Nothing stored is lost: a restart reads back every note the hub took.
		for (const d of [facilitator, reader, other]) d.destroy();
		await first.hub.close();
		const second = await hubFor({ appDir, dataDir, quota });
		const back = device({ url: second.syncUrl, sessionId: 'atelier-plein', key, hubCode: null });
		await until(() => back.notes.size === stored, 5000, 'every stored note after a restart');
		expect(back.notes.get('n0')).toBe(text(0));
		// Raised quota (the organiser restarts the hub with a larger one): writes go on.
		back.destroy();
		await second.hub.close();
		const third = await hubFor({ appDir, dataDir, quota: { sessionBytes: 1024 * KIB } });
		const resumed = device({ url: third.syncUrl, sessionId: 'atelier-plein', key, hubCode: null });
		resumed.notes.set('apres', 'après le nouveau quota');
		await until(() => third.hub.registry.get('atelier-plein')?.doc.getMap('notes').get('apres') === 'après le nouveau quota', 5000, 'writes after a larger quota');
	});

	it('refuses writes past the total quota; a folder at its quota takes no new session', async () => {
		const lines: string[] = [];
		const appDir = makeAppDir();
		const dataDir = makeTempDir();
		cleanups.push(() => removeDir(appDir), () => removeDir(dataDir));
		const logger = (event: string, fields?: object) => lines.push(`${event} ${JSON.stringify(fields)}`);
		const first = await hubFor({ appDir, dataDir, quota: { sessionBytes: 1024 * KIB, totalBytes: 24 * KIB }, logger });
		const keyA = generateSessionKey();
		const a = device({ url: first.syncUrl, sessionId: 'atelier-a', key: keyA });
		await until(() => a.transport.connected, 5000, 'a on the hub');
		const stored = await fillUntilRefused(a, () => first.hub.registry.get('atelier-a')?.doc.getMap('notes').size ?? 0);
		expect(stored).toBeGreaterThan(5);
		expect(a.transport.status.message).toEqual({ key: 'sync.error.hubFull' });
		expect(lines.find((l) => l.startsWith('session.quotaExceeded'))).toContain('"quota":"total"');
		expect(first.hub.quota.totalUsed).toBeLessThanOrEqual(24 * KIB);
		a.destroy();
		await first.hub.close();

		// The organiser restarts the hub with a total quota below what the folder holds: it loads
		// everything, refuses new sessions (even from the facilitator) and keeps serving the old ones.
		const second = await hubFor({ appDir, dataDir, quota: { totalBytes: 8 * KIB }, logger });
		expect(second.hub.quota.full).toBe(true);
		const c = device({ url: second.syncUrl, sessionId: 'atelier-c', key: generateSessionKey() });
		await until(() => c.transport.status.state === 'unavailable', 5000, 'new session refused');
		expect(c.transport.status.message).toEqual({ key: 'sync.error.hubFull' });
		expect(existsSync(join(dataDir, 'sessions', 'atelier-c'))).toBe(false);
		expect(lines.some((l) => l.startsWith('session.refused') && l.includes('"reason":"quota"'))).toBe(true);
		const reader = device({ url: second.syncUrl, sessionId: 'atelier-a', key: keyA, hubCode: null });
		await until(() => reader.notes.size === stored, 5000, 'old session still read');
	});

	it('refuses a take-home summary past the quota (507) and keeps the one stored', async () => {
		const { base, syncUrl } = await hubFor({ quota: { sessionBytes: 20 * KIB } });
		const key = generateSessionKey();
		const d = device({ url: syncUrl, sessionId: 'atelier-bilan', key });
		await until(() => d.transport.connected, 5000, 'pinned');
		const small = `<p>${'petit '.repeat(500)}</p>`;
		expect((await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-bilan', key, html: small })).ok).toBe(true);
		expect(await publishTakeHome({ hubOrigin: base, sessionId: 'atelier-bilan', key, html: `<p>${'grand '.repeat(5000)}</p>` })).toEqual({ ok: false, problem: { key: 'quota' } });
		expect(await (await fetch(takeHomeUrl(base, 'atelier-bilan', key))).text()).toBe(small);
	});
});

describe('DiskQuota', () => {
	it('counts each part of each session, refuses growth past a quota, never refuses shrinking', () => {
		const q = new DiskQuota({ sessionBytes: 100, totalBytes: 150 });
		q.set('a', 'log', 60);
		q.set('a', 'takeHome', 30);
		expect(q.used('a')).toBe(90);
		expect(q.wouldExceed('a', 'log', 70)).toBeNull();
		expect(q.wouldExceed('a', 'log', 71)).toBe('session');
		expect(q.wouldExceed('a', 'takeHome', 10)).toBeNull();
		q.set('b', 'log', 50);
		expect(q.totalUsed).toBe(140);
		expect(q.wouldExceed('b', 'log', 61)).toBe('total');
		expect(q.wouldExceed('b', 'log', 60)).toBeNull();
		q.set('b', 'log', 200);
		expect(q.full).toBe(true);
		expect(q.wouldExceed('b', 'log', 100)).toBeNull();
		q.set('b', 'log', 0);
		expect(q.totalUsed).toBe(90);
	});

	it('defaults to 256 MiB a session (room for a session within the sync limits) and 2 GiB in total; reads CLI sizes', () => {
		expect(DEFAULT_QUOTAS).toEqual({ sessionBytes: 256 * 1024 * KIB, totalBytes: 2048 * 1024 * KIB });
		expect(DEFAULT_QUOTAS.sessionBytes).toBeGreaterThanOrEqual(2 * SYNC_LIMITS.documentBytes + 4 * 1024 * KIB);
		expect(parseQuotaSize('256')).toBe(256 * 1024 * KIB);
		expect(parseQuotaSize('512M')).toBe(512 * 1024 * KIB);
		expect(parseQuotaSize('2G')).toBe(2048 * 1024 * KIB);
		expect(parseQuotaSize('1.5GiB')).toBe(1536 * 1024 * KIB);
		expect(parseQuotaSize('0')).toBeNull();
		expect(parseQuotaSize('-1')).toBeNull();
		expect(parseQuotaSize('lots')).toBeNull();
	});
});

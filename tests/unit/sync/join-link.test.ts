import { describe, expect, it } from 'vitest';
import * as prng from 'lib0/prng';
import { buildJoinLink, encodeJoinPayload, generateSessionKey, isValidSessionKey, parseJoinLink, type JoinData } from '$lib/sync';
import { testSeed } from './sync-fixtures';

const data: JoinData = {
	sessionId: 'atelier-2026-03',
	key: generateSessionKey(),
	role: 'station',
	signaling: ['ws://192.168.1.10:4444', 'wss://hub.local/signaling']
};

describe('join links', () => {
	it('round-trips through a URL fragment', () => {
		const link = buildJoinLink('https://tablee.local/join?x=1#old', data);
		expect(link.startsWith('https://tablee.local/join?x=1#join=')).toBe(true);
		expect(parseJoinLink(link)).toEqual({ ok: true, value: data });
		expect(parseJoinLink(`#join=${encodeJoinPayload(data)}`)).toEqual({ ok: true, value: data });
		expect(parseJoinLink(encodeJoinPayload(data))).toEqual({ ok: true, value: data });
	});

	it('generates 128-bit base64url keys', () => {
		const key = generateSessionKey();
		expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(isValidSessionKey(key)).toBe(true);
		expect(generateSessionKey()).not.toBe(key);
		expect(isValidSessionKey('short')).toBe(false);
	});

	it('returns typed errors for wrong links', () => {
		expect(parseJoinLink('https://tablee.local/')).toEqual({ ok: false, problem: { key: 'sync.join.missing' } });
		expect(parseJoinLink('https://tablee.local/#other=1')).toEqual({ ok: false, problem: { key: 'sync.join.missing' } });
		expect(parseJoinLink('#join=')).toEqual({ ok: false, problem: { key: 'sync.join.missing' } });
		expect(parseJoinLink('#join=%%%')).toEqual({ ok: false, problem: { key: 'sync.join.corrupt' } });
		const payload = encodeJoinPayload(data);
		expect(parseJoinLink(`#join=${payload.slice(0, 20)}`)).toEqual({ ok: false, problem: { key: 'sync.join.corrupt' } });
		expect(parseJoinLink(`#join=${payload}AAAA`)).toEqual({ ok: false, problem: { key: 'sync.join.corrupt' } });
		// Version 2 in the first byte.
		const v2 = 'Ag' + payload.slice(2);
		expect(parseJoinLink(`#join=${v2}`)).toMatchObject({ ok: false, problem: { key: 'sync.join.version' } });
	});

	it('refuses invalid fields when building and parsing', () => {
		expect(() => encodeJoinPayload({ ...data, role: 'admin' as never })).toThrow('sync.join.role');
		expect(() => encodeJoinPayload({ ...data, sessionId: 'a b' })).toThrow('sync.join.sessionId');
		expect(() => encodeJoinPayload({ ...data, signaling: ['http://x'] })).toThrow('sync.join.signaling');
		expect(() => encodeJoinPayload({ ...data, key: 'nope' })).toThrow('sync.join.key');
	});

	it('never throws on random input', () => {
		const seed = testSeed('join-link fuzz');
		const gen = prng.create(seed);
		const payload = encodeJoinPayload(data);
		for (let i = 0; i < 2000; i++) {
			const mutated = payload.split('');
			const pos = prng.int32(gen, 0, mutated.length - 1);
			mutated[pos] = prng.oneOf(gen, [...'ABCabc019-_']);
			const input = prng.bool(gen) ? `#join=${mutated.join('')}` : `#join=${prng.word(gen, 0, 60)}`;
			const result = parseJoinLink(input);
			if (!result.ok) expect(result.problem.key, `seed ${seed}`).toMatch(/^sync\.join\./);
			else expect(result.value.sessionId, `seed ${seed}`).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
		}
	});
});

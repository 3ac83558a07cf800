/**
 * The simulated phones of `hub.bench.ts`, in their own process so that their CPU work does not
 * sit on the facilitator's event loop. Two kinds (`full` in the start command):
 *   - light (default): a Y.Doc and a raw /sync socket speaking the frame protocol (auth, hello,
 *     step 1/2, updates). It receives every frame the hub relays but does not apply other
 *     phones' notes: on real phones that work runs on 60 separate CPUs, here it would run 60
 *     times on one shared core and measure the simulation instead of the hub;
 *   - full: the real `SessionSyncEngine` + `createHubTransport`, every phone applying every note.
 * Driven over IPC:
 *   start { url, sessionId, key, phones } -> ready
 *   paced { rounds, roundMs, seed }       -> paced-done     (one note per phone per round, jittered)
 *   burst { perPhone }                    -> burst-sent { at }
 * Each note's value starts with its send time (`performance.timeOrigin + now`, shared clock).
 */
import * as Y from 'yjs';
import * as prng from 'lib0/prng';
import { WebSocket } from 'ws';
import { encodeHubAuth, hubAccessToken } from '../../src/lib/sync';
import { encodeFrame, parseFrame } from '../../src/lib/protocol/wire-protocol';
import { keyTag } from '../../src/lib/sync/session-key';
import { startDevice, until, sleep } from '../unit/hub/hub-fixtures';

interface Phone {
	notes: Y.Map<string>;
	ready(): boolean;
	destroy(): void;
}

/** A phone that sends its own notes and drains (without applying) what the hub relays. */
function lightPhone(url: string, sessionId: string, key: string, index: number): Phone {
	const doc = new Y.Doc();
	const me = `phone${index}`;
	const ws = new WebSocket(url);
	let ready = false;
	let hubKnown = false;
	const send = (frame: Uint8Array) => ws.readyState === WebSocket.OPEN && ws.send(frame);
	ws.on('open', () => ws.send(encodeHubAuth(sessionId, hubAccessToken(sessionId, key))));
	ws.on('message', (data, isBinary) => {
		if (!isBinary) {
			ready = true;
			send(encodeFrame(me, '', { type: 'hello', keyTag: keyTag(sessionId, key), deviceId: me, role: 'participant', name: me, wantReply: true }));
			return;
		}
		const frame = parseFrame(new Uint8Array(data as Buffer));
		if (frame?.type === 'hello') hubKnown = true;
		if (frame?.type === 'sync-step1') send(encodeFrame(me, frame.from, { type: 'sync-step2', update: Y.encodeStateAsUpdate(doc, frame.stateVector) }));
	});
	doc.on('update', (update: Uint8Array) => send(encodeFrame(me, '', { type: 'update', update })));
	return {
		notes: doc.getMap<string>('notes'),
		ready: () => ready && hubKnown,
		destroy() {
			ws.terminate();
			doc.destroy();
		}
	};
}

type Command =
	| { type: 'start'; url: string; sessionId: string; key: string; phones: number; full: boolean }
	| { type: 'paced'; rounds: number; roundMs: number; seed: number }
	| { type: 'burst'; perPhone: number }
	| { type: 'stop' };

const phones: Phone[] = [];
const clock = () => performance.timeOrigin + performance.now();
const send = (message: object) => process.send?.(message);

process.on('message', async (command: Command) => {
	switch (command.type) {
		case 'start':
			for (let i = 0; i < command.phones; i++) {
				if (!command.full) {
					phones.push(lightPhone(command.url, command.sessionId, command.key, i));
					continue;
				}
				const device = startDevice({ url: command.url, sessionId: command.sessionId, key: command.key });
				phones.push({ notes: device.notes, ready: () => device.transport.connected && device.transport.peers.length === 1, destroy: () => device.destroy() });
			}
			await until(() => phones.every((p) => p.ready()), 60_000, 'phones connected');
			return send({ type: 'ready' });
		case 'paced': {
			const gen = prng.create(command.seed);
			for (let round = 0; round < command.rounds; round++) {
				phones.forEach((phone, p) => {
					const text = `Note ${round} du téléphone ${p} : ${'x'.repeat(prng.int32(gen, 20, 280))}`;
					setTimeout(() => phone.notes.set(`r${round}-p${p}`, `${clock()}|${text}`), prng.int32(gen, 0, 100));
				});
				await sleep(command.roundMs);
			}
			return send({ type: 'paced-done' });
		}
		case 'burst': {
			const at = clock();
			phones.forEach((phone, p) => {
				for (let n = 0; n < command.perPhone; n++) phone.notes.set(`b-p${p}-n${n}`, `${clock()}|Note éclair ${n} du téléphone ${p}`);
			});
			return send({ type: 'burst-sent', at });
		}
		case 'stop':
			for (const p of phones) p.destroy();
			process.exit(0);
	}
});

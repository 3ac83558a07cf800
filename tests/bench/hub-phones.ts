/**
 * The simulated phones of `hub.bench.ts`, in their own process so that their CPU work (each
 * phone applies every note of the session, as a real phone would) does not sit on the
 * facilitator's event loop and inflate the latency being measured. Driven over IPC:
 *   start { url, sessionId, key, phones } -> ready
 *   paced { rounds, roundMs, seed }       -> paced-done     (one note per phone per round, jittered)
 *   burst { perPhone }                    -> burst-sent { at }
 * Each note's value starts with its send time (`performance.timeOrigin + now`, shared clock).
 */
import * as prng from 'lib0/prng';
import { startDevice, until, sleep, type Device } from '../unit/hub/hub-fixtures';

type Command =
	| { type: 'start'; url: string; sessionId: string; key: string; phones: number }
	| { type: 'paced'; rounds: number; roundMs: number; seed: number }
	| { type: 'burst'; perPhone: number }
	| { type: 'stop' };

const phones: Device[] = [];
const clock = () => performance.timeOrigin + performance.now();
const send = (message: object) => process.send?.(message);

process.on('message', async (command: Command) => {
	switch (command.type) {
		case 'start':
			for (let i = 0; i < command.phones; i++) phones.push(startDevice({ url: command.url, sessionId: command.sessionId, key: command.key }));
			await until(() => phones.every((p) => p.transport.connected && p.transport.peers.length === 1), 60_000, 'phones connected');
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

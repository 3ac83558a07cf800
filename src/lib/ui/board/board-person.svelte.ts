/**
 * The person using this screen, as an anonymous id: the author id of their notes, their dot
 * budget and their check-in answer. It starts as the device's author id for the session, so one
 * person with one tablet keeps the same id across reloads and restarts.
 *
 * Station tablets are shared: "hand the tablet over" gives the next person a fresh random id
 * (their own dots, their own check-in answer, their own silent notes) and asks for consent again.
 * The id is kept per tab (sessionStorage, survives reloads) and per device (localStorage, picked
 * up by tabs opened later), so two tabs of one browser can stand for two people. Ids are random
 * and never derived from a name.
 */
import type { OpenSession } from '$lib/live';

const ID = /^[A-Za-z0-9_-]{8,64}$/;
const key = (sessionId: string) => `tablee.person.${sessionId}`;

function read(storage: () => Storage, k: string): string | null {
	try {
		const value = storage().getItem(k);
		return value !== null && ID.test(value) ? value : null;
	} catch {
		return null;
	}
}

function write(storage: () => Storage, k: string, value: string): void {
	try {
		storage().setItem(k, value);
	} catch {
		// Storage blocked: the id lasts for this visit only.
	}
}

export class BoardPerson {
	/** The current person's anonymous id. */
	id = $state('');
	/** True right after a hand-over, to greet the next person. */
	handedOver = $state(false);
	readonly #live: OpenSession;

	constructor(live: OpenSession) {
		this.#live = live;
		const k = key(live.sessionId);
		this.id = read(() => sessionStorage, k) ?? read(() => localStorage, k) ?? live.participantId;
		write(() => sessionStorage, k, this.id);
	}

	/** Starts a new person on this screen: new id, consent asked again. */
	handOver(): void {
		const k = key(this.#live.sessionId);
		this.id = this.#live.session.ops.newParticipantId();
		write(() => sessionStorage, k, this.id);
		write(() => localStorage, k, this.id);
		this.#live.answerConsent(null);
		this.handedOver = true;
	}
}

const people = new WeakMap<OpenSession, BoardPerson>();

/** The person of this screen for an open session (one per session and tab). */
export function boardPerson(live: OpenSession): BoardPerson {
	let person = people.get(live);
	if (!person) {
		person = new BoardPerson(live);
		people.set(live, person);
	}
	return person;
}

/**
 * Reads the whole doc into a typed snapshot. Every entry is validated with the record schemas;
 * malformed entries (a buggy or hostile peer) are skipped and counted in `skipped`, so views and
 * exports only ever see well-formed records.
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import {
	CardChoiceSchema,
	CaseAnswerSchema,
	CaseAssignmentSchema,
	CheckinSchema,
	ContributionSchema,
	DocMetaSchema,
	GroupSchema,
	ObserverNoteSchema,
	OtherCardSchema,
	RecordId,
	RevealSchema,
	ThemeSchema,
	TimerEventSchema,
	VoteSchema,
	type CardChoice,
	type CaseAnswer,
	type CaseAssignment,
	type Checkin,
	type Contribution,
	type DocMeta,
	type Group,
	type ObserverNote,
	type OtherCard,
	type Reveal,
	type Theme,
	type TimerEvent,
	type Vote
} from './session-schema';
import { answerKey, checkinKey, choiceKey, sessionMaps } from './session-doc';

/** Everything the doc holds, validated. Arrays are in a stable order (creation time, then id). */
export interface SessionSnapshot {
	meta: DocMeta | null;
	contributions: Contribution[];
	themes: Theme[];
	groups: Group[];
	votes: Vote[];
	cardChoices: CardChoice[];
	otherCards: OtherCard[];
	caseAssignments: CaseAssignment[];
	caseAnswers: CaseAnswer[];
	checkins: Checkin[];
	reveals: Reveal[];
	observerNotes: ObserverNote[];
	/** Timer actions sorted by time, then array order: the same order on every device. */
	timerEvents: TimerEvent[];
	/** Entries that failed validation and were left out, per shared type. */
	skipped: Record<string, number>;
}

function plain(value: unknown): unknown {
	return value instanceof Y.AbstractType ? value.toJSON() : value;
}

/**
 * Read results by identity: a record (a nested Y.Map, or a JSON object stored in a map or the
 * timer array) is validated and built once, and again only after it changes, so re-reading a doc
 * of a few thousand notes after one edit validates one record, not thousands. Owners call
 * `invalidate` for every transaction before reading (see `SessionDocModel`).
 */
export class ParseCache {
	#tables = new Map<string, WeakMap<object, { key: string; value: unknown }>>();

	/** The cached result for `raw` stored under `key` in table `name`, computed when missing. */
	read<T>(name: string, raw: unknown, key: string, compute: () => T | undefined): T | undefined {
		if (typeof raw !== 'object' || raw === null) return compute();
		let table = this.#tables.get(name);
		if (!table) this.#tables.set(name, (table = new WeakMap()));
		const hit = table.get(raw);
		if (hit && hit.key === key) return hit.value as T | undefined;
		const value = compute();
		table.set(raw, { key, value });
		return value;
	}

	/** Forgets the shared types a transaction changed, and the records containing them. */
	invalidate(tr: Y.Transaction): void {
		for (const changed of tr.changed.keys()) {
			for (let type: Y.AbstractType<any> | null = changed; type; type = parentType(type)) {
				for (const table of this.#tables.values()) table.delete(type);
			}
		}
	}
}

// `any`: Yjs types the event parameter of its shared types loosely; only identity matters here.
function parentType(type: Y.AbstractType<any>): Y.AbstractType<any> | null {
	const parent = type._item?.parent;
	return parent instanceof Y.AbstractType ? parent : null;
}

function readMap<S extends v.GenericSchema, T>(
	map: Y.Map<unknown>,
	schema: S,
	build: (key: string, value: v.InferOutput<S>) => T | undefined,
	skipped: Record<string, number>,
	name: string,
	cache: ParseCache
): T[] {
	const out: T[] = [];
	map.forEach((raw, key) => {
		const value = cache.read(name, raw, key, () => {
			if (!v.is(RecordIdKey, key)) return undefined;
			const parsed = v.safeParse(schema, plain(raw));
			return parsed.success ? build(key, parsed.output) : undefined;
		});
		if (value === undefined) skipped[name] = (skipped[name] ?? 0) + 1;
		else out.push(value);
	});
	return out;
}

const RecordIdKey = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_:-]{1,200}$/));

const byCreation = <T extends { createdAt: number; id: string }>(a: T, b: T) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byAt = <T extends { at: number }>(key: (t: T) => string) => (a: T, b: T) => a.at - b.at || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

function isId(key: string): boolean {
	return v.is(RecordId, key);
}

/** Reads and validates the whole doc (pass the owner's cache to re-read only changed records). */
export function readSnapshot(doc: Y.Doc, cache: ParseCache = new ParseCache()): SessionSnapshot {
	const m = sessionMaps(doc);
	const skipped: Record<string, number> = {};
	const metaParsed = v.safeParse(DocMetaSchema, m.meta.toJSON());
	const withId = <T>(key: string, value: T) => (isId(key) ? { ...value, id: key } : undefined);

	const timerEvents: TimerEvent[] = [];
	m.timer.forEach((raw) => {
		const event = cache.read('timer', raw, '', () => {
			const parsed = v.safeParse(TimerEventSchema, plain(raw));
			return parsed.success ? parsed.output : undefined;
		});
		if (event) timerEvents.push(event);
		else skipped.timer = (skipped.timer ?? 0) + 1;
	});
	// Stable sort: events with the same time keep the array's order, which Yjs makes identical on
	// every device (so one device's quick succession of actions keeps its order).
	timerEvents.sort((a, b) => a.at - b.at);

	return {
		meta: metaParsed.success ? metaParsed.output : null,
		contributions: readMap(m.contributions, ContributionSchema, withId, skipped, 'contributions', cache).sort(byCreation),
		themes: readMap(m.themes, ThemeSchema, withId, skipped, 'themes', cache).sort(byCreation),
		groups: readMap(m.groups, GroupSchema, withId, skipped, 'groups', cache).sort(byCreation),
		votes: readMap(m.votes, VoteSchema, (key, value) => (isId(key) ? { ...value, id: key } : undefined), skipped, 'votes', cache).sort(
			byAt((x) => x.id)
		),
		cardChoices: readMap(
			m.cardChoices,
			CardChoiceSchema,
			(key, value) => (key === choiceKey(value.groupId, value.cardId) ? value : undefined),
			skipped,
			'cardChoices',
			cache
		).sort(byAt((x) => choiceKey(x.groupId, x.cardId))),
		otherCards: readMap(m.otherCards, OtherCardSchema, withId, skipped, 'otherCards', cache).sort(byCreation),
		caseAssignments: readMap(
			m.caseAssignments,
			CaseAssignmentSchema,
			(key, value) => (isId(key) ? { ...value, groupId: key } : undefined),
			skipped,
			'caseAssignments',
			cache
		).sort(byAt((x) => x.groupId)),
		caseAnswers: readMap(
			m.caseAnswers,
			CaseAnswerSchema,
			(key, value) => (key === answerKey(value.groupId, value.caseId, value.questionId) ? value : undefined),
			skipped,
			'caseAnswers',
			cache
		).sort((a, b) => a.createdAt - b.createdAt || (answerKey(a.groupId, a.caseId, a.questionId) < answerKey(b.groupId, b.caseId, b.questionId) ? -1 : 1)),
		checkins: readMap(
			m.checkins,
			CheckinSchema,
			(key, value) => (key === checkinKey(value.participantId, value.phase) ? value : undefined),
			skipped,
			'checkins',
			cache
		).sort(byAt((x) => checkinKey(x.participantId, x.phase))),
		reveals: readMap(m.reveals, RevealSchema, (key, value) => (isId(key) ? { ...value, activityId: key } : undefined), skipped, 'reveals', cache).sort(
			byAt((x) => x.activityId)
		),
		observerNotes: readMap(m.observerNotes, ObserverNoteSchema, withId, skipped, 'observerNotes', cache).sort(byCreation),
		timerEvents,
		skipped
	};
}

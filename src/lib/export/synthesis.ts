/**
 * Multi-session synthesis: several traces (the same kit run in several towns, say) read together.
 * Pure counting over the traces' visible content, the kind of reading the pilot report did by
 * hand: how many groups kept each card, which cards groups cite in each case, how many notes each
 * station gathered, the check-in before and after.
 */
import type { Trace } from './trace-schema';
import { checkinActivities, checkinCounts, keptCards, mean, participantCount, visibleNotes } from './trace-views';

export interface SynthesisSession {
	id: string;
	title: string;
	date: string;
	place: string;
	kit: string;
	participants: number;
	groups: number;
	contributions: number;
}

export interface CardFrequency {
	cardId: string;
	/** Groups that kept the card, all sessions together. */
	kept: number;
	/** Per session, in the order of `sessions`. */
	bySession: number[];
}

export interface CaseSynthesis {
	caseId: string;
	/** Groups (all sessions) that worked on the case. */
	groups: number;
	/**
	 * Cards cited in the answers to this case, with the number of groups citing each (each group
	 * once). A group's own "other" card has no shared id across sessions: it is keyed
	 * `other:<title>` and carries its `title`, so the same title written in two towns adds up.
	 */
	citedCards: { cardId: string; groups: number; title?: string }[];
	answers: { session: number; group: string; questionId: string; text: string }[];
}

export interface Synthesis {
	sessions: SynthesisSession[];
	totals: { sessions: number; participants: number; groups: number; contributions: number };
	/** Kit cards first (those any session kept), sorted by frequency; then "other" titles. */
	cards: CardFrequency[];
	otherCards: { session: number; group: string; title: string; question: string }[];
	cases: CaseSynthesis[];
	stations: { stationId: string; total: number; bySession: number[] }[];
	checkin: {
		/** The check-in activities each phase's answers answered, across sessions (each id once). */
		activities: { start: string[]; end: string[] };
		values: number[];
		start: Record<number, number>;
		end: Record<number, number>;
		responses: { start: number; end: number };
		mean: { start: number | null; end: number | null };
	};
}

function byCountThenId<T>(count: (x: T) => number, id: (x: T) => string) {
	return (a: T, b: T) => count(b) - count(a) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
}

export function synthesise(traces: readonly Trace[]): Synthesis {
	const sessions = traces.map((trace) => ({
		id: trace.session.id,
		title: trace.session.title,
		date: trace.session.date,
		place: trace.session.place,
		kit: `${trace.kit.id}@${trace.kit.version}`,
		participants: participantCount(trace),
		groups: trace.groups.length,
		contributions: visibleNotes(trace).length
	}));

	const cardMap = new Map<string, number[]>();
	const otherCards: Synthesis['otherCards'] = [];
	for (const [i, trace] of traces.entries()) {
		const others = new Map(trace.otherCards.map((o) => [o.id, o]));
		const groupName = new Map(trace.groups.map((g) => [g.id, g.name]));
		for (const [cardId, n] of keptCards(trace)) {
			const other = others.get(cardId);
			if (other) {
				otherCards.push({ session: i, group: groupName.get(other.groupId) ?? '', title: other.title, question: other.question });
				continue;
			}
			const row = cardMap.get(cardId) ?? traces.map(() => 0);
			row[i] = (row[i] ?? 0) + n;
			cardMap.set(cardId, row);
		}
	}
	const cards = [...cardMap]
		.map(([cardId, bySession]) => ({ cardId, bySession, kept: bySession.reduce((a, b) => a + b, 0) }))
		.sort(byCountThenId((c) => c.kept, (c) => c.cardId));

	const caseMap = new Map<string, { groups: Set<string>; cited: Map<string, Set<string>>; answers: CaseSynthesis['answers'] }>();
	const otherTitles = new Map<string, string>();
	for (const [i, trace] of traces.entries()) {
		const groupName = new Map(trace.groups.map((g) => [g.id, g.name]));
		const others = new Map(trace.otherCards.map((o) => [o.id, o.title.trim()]));
		const citedKey = (card: string) => {
			const title = others.get(card);
			if (title === undefined) return card;
			const key = `other:${title.toLocaleLowerCase()}`;
			if (!otherTitles.has(key)) otherTitles.set(key, title);
			return key;
		};
		const entry = (caseId: string) => {
			let e = caseMap.get(caseId);
			if (!e) caseMap.set(caseId, (e = { groups: new Set(), cited: new Map(), answers: [] }));
			return e;
		};
		for (const g of trace.groups) if (g.caseId !== null) entry(g.caseId).groups.add(`${i}:${g.id}`);
		for (const a of trace.caseAnswers) {
			const e = entry(a.caseId);
			const groupKey = `${i}:${a.groupId}`;
			e.groups.add(groupKey);
			for (const card of a.citedCards) {
				const key = citedKey(card);
				const set = e.cited.get(key) ?? new Set<string>();
				set.add(groupKey);
				e.cited.set(key, set);
			}
			if (a.text.trim() !== '') e.answers.push({ session: i, group: groupName.get(a.groupId) ?? a.groupId, questionId: a.questionId, text: a.text });
		}
	}
	const cases = [...caseMap]
		.map(([caseId, e]) => ({
			caseId,
			groups: e.groups.size,
			citedCards: [...e.cited]
				.map(([cardId, set]) => (otherTitles.has(cardId) ? { cardId, groups: set.size, title: otherTitles.get(cardId)! } : { cardId, groups: set.size }))
				.sort(byCountThenId((c) => c.groups, (c) => c.cardId)),
			// By session, then group name, as a reader scans them.
			answers: e.answers.sort((a, b) => a.session - b.session || a.group.localeCompare(b.group) || (a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0))
		}))
		.sort((a, b) => (a.caseId < b.caseId ? -1 : 1));

	const stationMap = new Map<string, number[]>();
	for (const [i, trace] of traces.entries()) {
		for (const n of visibleNotes(trace)) {
			if (n.stationId === null) continue;
			const row = stationMap.get(n.stationId) ?? traces.map(() => 0);
			row[i] = (row[i] ?? 0) + 1;
			stationMap.set(n.stationId, row);
		}
	}
	const stations = [...stationMap]
		.map(([stationId, bySession]) => ({ stationId, bySession, total: bySession.reduce((a, b) => a + b, 0) }))
		.sort(byCountThenId((s) => s.total, (s) => s.stationId));

	const start = new Map<number, number>();
	const end = new Map<number, number>();
	const asked = { start: new Set<string>(), end: new Set<string>() };
	for (const trace of traces) {
		const activities = checkinActivities(trace);
		if (activities.start !== null && trace.checkins.some((c) => c.phase === 'start')) asked.start.add(activities.start);
		if (activities.end !== null && trace.checkins.some((c) => c.phase === 'end')) asked.end.add(activities.end);
		const c = checkinCounts(trace);
		for (const [v, n] of c.start) start.set(v, (start.get(v) ?? 0) + n);
		for (const [v, n] of c.end) end.set(v, (end.get(v) ?? 0) + n);
	}
	const values = [...new Set([...start.keys(), ...end.keys()])].sort((a, b) => a - b);
	const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);

	return {
		sessions,
		totals: {
			sessions: sessions.length,
			participants: sessions.reduce((n, s) => n + s.participants, 0),
			groups: sessions.reduce((n, s) => n + s.groups, 0),
			contributions: sessions.reduce((n, s) => n + s.contributions, 0)
		},
		cards,
		otherCards,
		cases,
		stations,
		checkin: {
			activities: { start: [...asked.start], end: [...asked.end] },
			values,
			start: Object.fromEntries(start),
			end: Object.fromEntries(end),
			responses: { start: sum(start), end: sum(end) },
			mean: { start: mean(start), end: mean(end) }
		}
	};
}

/**
 * Many notes, written the cheapest realistic way: into a session file of the app's own format
 * (`session-file.ts`), with records laid out as the app lays them out (`session-doc.ts`), as if
 * another tablet had written them. The test merges that file through the tablets panel.
 */
import * as Y from 'yjs';
import { exportSessionState, readSessionFile } from '../../../src/lib/sync/session-file';
import { recordMap, sessionMaps } from '../../../src/lib/session/session-doc';

export interface NotesOptions {
	/** An activity of the session's agenda and one of its stations. */
	activityId: string;
	stationId: string;
	/** Makes the notes of one call distinct from another's. */
	prefix: string;
}

/** `file` (a session file of one session) plus `count` notes of about 120 characters. */
export function addNotesToSessionFile(file: Uint8Array, count: number, options: NotesOptions): Buffer {
	const read = readSessionFile(file);
	if (!read.ok) throw new Error(`not a session file: ${read.error.key}`);
	const doc = new Y.Doc();
	Y.applyUpdate(doc, read.update);
	const { contributions } = sessionMaps(doc);
	const createdAt = Date.now();
	doc.transact(() => {
		for (let i = 0; i < count; i++) {
			const text = `${options.prefix} ${i} : ce que nous attendons d’un service public qui utilise l’IA, c’est de savoir qui décide et comment contester.`.slice(0, 120);
			contributions.set(
				`${options.prefix}-${i}`,
				recordMap({
					activityId: options.activityId,
					stationId: options.stationId,
					categoryId: null,
					groupId: null,
					kind: 'note',
					text,
					authorId: `author-${i % 40}`,
					authorName: null,
					deviceId: 'tablet-seeded',
					createdAt: createdAt + i,
					editedAt: null,
					hidden: false,
					deleted: false,
					themeId: null,
					mergedInto: null,
					answered: false,
					onWall: false
				})
			);
		}
	});
	const out = exportSessionState(doc, { sessionId: read.sessionId });
	doc.destroy();
	return Buffer.from(out);
}

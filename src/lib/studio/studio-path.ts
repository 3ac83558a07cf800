/**
 * Immutable edits of plain JSON values by key path (`['agendas', 0, 'title', 'fr-CA']`), and the
 * key-path strings kit issues use (`agendas[0].title.fr-CA`). Every edit copies the objects along
 * the path and shares the rest, so undo snapshots stay cheap.
 */
export type KeyPath = readonly (string | number)[];

type Json = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !(value instanceof Uint8Array);
}

/** The value at `path`, or undefined when any step is missing. */
export function getAt(root: unknown, path: KeyPath): unknown {
	let value: unknown = root;
	for (const key of path) {
		if (!isContainer(value)) return undefined;
		value = (value as Record<string | number, unknown>)[key];
	}
	return value;
}

/**
 * `root` with the value at `path` replaced. `undefined` removes an object key, and an object that
 * removal leaves empty is removed in turn (a check-in activity's `checkin` without its question:
 * the format wants it absent, never `{}`). Missing objects on the way are created (an array when
 * the next key is a number).
 */
export function setAt<T>(root: T, path: KeyPath, value: unknown): T {
	if (path.length === 0) return value as T;
	const [key, ...rest] = path as [string | number, ...(string | number)[]];
	const current = isContainer(root) ? root : typeof key === 'number' ? [] : {};
	const child = (current as Record<string | number, unknown>)[key];
	const next = setAt(child, rest, value);
	if (Array.isArray(current)) {
		const copy = [...current];
		copy[key as number] = next;
		return copy as T;
	}
	const copy: Record<string, unknown> = { ...(current as Record<string, unknown>) };
	if (next === undefined) {
		delete copy[key as string];
		if (value === undefined && Object.keys(copy).length === 0) return undefined as T;
	} else copy[key as string] = next;
	return copy as T;
}

function listAt(root: unknown, path: KeyPath): unknown[] {
	const value = getAt(root, path);
	return Array.isArray(value) ? value : [];
}

/** `root` with `item` added to the list at `path` (at the end by default). */
export function insertAt<T>(root: T, path: KeyPath, item: unknown, index?: number): T {
	const list = [...listAt(root, path)];
	list.splice(index ?? list.length, 0, item);
	return setAt(root, path, list);
}

/** `root` without item `index` of the list at `path`. */
export function removeAt<T>(root: T, path: KeyPath, index: number): T {
	const list = listAt(root, path).filter((_, i) => i !== index);
	return setAt(root, path, list);
}

/** `root` with item `index` of the list at `path` moved by `delta` places; unchanged at an end. */
export function moveAt<T>(root: T, path: KeyPath, index: number, delta: -1 | 1): T {
	const list = [...listAt(root, path)];
	const to = index + delta;
	if (index < 0 || index >= list.length || to < 0 || to >= list.length) return root;
	[list[index], list[to]] = [list[to], list[index]];
	return setAt(root, path, list);
}

/** "agendas[0].activities[2].durationMinutes" for a key path. */
export function pathString(path: KeyPath): string {
	let out = '';
	for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
	return out;
}

/** The key path of a string made by `pathString`. */
export function parsePath(text: string): (string | number)[] {
	const out: (string | number)[] = [];
	for (const match of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
	return out;
}

/**
 * Notes boards and the activity screens built on them. The facilitator console embeds
 * `NotesBoard` with `mode` 'facilitator'; activity screens are registered in
 * `ui/activities/board-views.ts`. (The wall display pages notes its own way, `ui/wall/WallNotes`;
 * the board's 'wall' mode remains for a read-only, large board.)
 */
export { default as NotesBoard } from './NotesBoard.svelte';
export { default as StationPrompt } from './StationPrompt.svelte';
export { default as CheckinSummary } from './CheckinSummary.svelte';
export type { BoardMode } from './board-types';
export { boardPerson, BoardPerson } from './board-person.svelte';
export { noteKind, silentSplit, themeSections, dotsOn } from './board-notes';
export type { BoardSection } from './board-notes';
export { modeFor } from './board-mode';
export { default as TextLimit } from './TextLimit.svelte';
export { guardPaste, pasteOverflow, limitCounter, fieldLength, COUNTER_FROM } from './text-limit';
export type { LimitCounter } from './text-limit';

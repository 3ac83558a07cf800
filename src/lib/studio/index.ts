/**
 * The kit studio's core: drafts (a kit's content as edited), ids from titles, pure edit
 * operations with undo/redo, validation by the one kit loader placed on form fields, and what is
 * missing in a kit's second language. No DOM, no runes: tested in Node.
 */
export { fromKitPackage, newKit, draftToFiles, draftText, withFile, manifestText, bumpPatch, versionToSave, MANIFEST_FILE } from './studio-draft';
export type { StudioDraft, DraftBase, NewKitTexts } from './studio-draft';
export { slugify, uniqueId, isKitId } from './studio-ids';
export { getAt, setAt, insertAt, removeAt, moveAt, pathString, parsePath } from './studio-path';
export type { KeyPath } from './studio-path';
export {
	setField,
	setText,
	addItem,
	removeItem,
	moveItem,
	idsAt,
	cardIds,
	primaryLanguage,
	toggleLanguage,
	addPoster,
	setPosterBody,
	posterBody,
	posterBodyPath,
	removePoster,
	setPosterImage,
	removePosterImage,
	setReferenceCsv,
	removeReference
} from './studio-edit';
export { DraftHistory } from './studio-history';
export { checkDraft, draftIssues, fieldOfIssue, issuesByField, sectionOf, fieldDomId, STUDIO_SECTIONS } from './studio-validate';
export type { PlacedIssue, DraftCheck, DraftProblem, StudioSection } from './studio-validate';
export { missingTranslations } from './studio-translations';
export type { MissingTranslations } from './studio-translations';
export { StudioState, storeNewDraft, AUTOSAVE_MS } from './studio-state.svelte';
export type { SaveState, LibraryOutcome } from './studio-state.svelte';

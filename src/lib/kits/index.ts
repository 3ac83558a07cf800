/**
 * Workshop kits: the public face of the domain. Everything here runs in the browser and in Node;
 * the Node-only folder reader lives in `kit-folder.server.ts` and is not exported here.
 */
export {
	KIT_LOCALES,
	KIT_FORMAT,
	KIT_FORMATS,
	KIT_LIMITS,
	ACTIVITY_KINDS,
	KitManifestV1Schema,
	KitManifestV2Schema,
	kitIdPattern,
	kitPathPattern
} from './kit-schema';
export type {
	KitLocale,
	KitFormat,
	ActivityKind,
	KitManifestV1,
	KitManifestV2,
	KitActivityV2,
	LocalizedText,
	KitPoster,
	KitTerm,
	KitStation,
	KitCase,
	KitReference,
	KitSource
} from './kit-schema';
export { readKitSource, upgradeKitManifest, withKitDefaults, defaultInstructions, defaultGridTitle } from './kit-normalize';
export type {
	KitManifest,
	KitAgenda,
	KitActivity,
	KitGrid,
	KitDimension,
	KitCard,
	KitCheckin,
	KitCheckinChoice,
	KitReadResult
} from './kit-normalize';
export type { KitFiles, KitPackage, KitIssue, KitProblem, KitResult, BundledKitEntry } from './kit-types';
export { kitFailure } from './kit-types';
export { readKitText, checkKitFiles, KIT_CHECKS_VERSION } from './kit-parse';
export { parseKit } from './kit-validate';
export { readKitZip, writeKitZip, ZIP_LIMITS } from './kit-zip';
export type { ReadKitZipOptions } from './kit-zip';
export { formatKitIssue, kitIssueMessage } from './kit-format-issue';
export { renderKitMarkdown } from './kit-markdown';
export type { RenderKitMarkdownOptions } from './kit-markdown';
export { renderPlainMarkdown } from './kit-markdown-plain';
export { parseReferenceCsv, parseCsvRecords, readReferenceCsv } from './kit-csv';
export type { ReferenceTable } from './kit-csv';
export { kitImageType, KIT_IMAGE_EXTENSIONS } from './kit-assets';
export { readImageSize, imageTooLarge, KIT_IMAGE_LIMITS } from './image-size';
export type { ImageSize } from './image-size';
export { hashKitFiles } from './kit-hash';

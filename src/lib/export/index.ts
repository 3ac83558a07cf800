/**
 * Session traces: the complete JSON trace (export, validation, import with merge), the CSV files,
 * the printable summary (bilan), the zip bundle and the multi-session synthesis. Pure and
 * Node-testable, except `importTrace`/`loadSessionDoc`, which read and write this device's storage.
 */
export { TRACE_FORMAT, TRACE_VERSION, TRACE_LIMITS, TraceSchema } from './trace-schema';
export type { Trace, TraceContribution, TraceAgendaEntry } from './trace-schema';
export { buildTrace, traceToJson } from './trace-build';
export type { BuildTraceOptions, PrivacyOptions, TraceSessionInfo } from './trace-build';
export { parseTrace, validateTrace } from './trace-parse';
export type { TraceIssue, TraceProblem, TraceResult } from './trace-parse';
export { importTrace, loadSessionDoc, traceDocument, TRACE_IMPORT_ORIGIN } from './trace-import';
export type { ImportedTrace, ImportTraceResult, ImportTraceOptions } from './trace-import';
export { writeCsv, neutralise, csvId, defaultSeparator, CSV_SEPARATORS } from './csv-write';
export type { CsvSeparator, CsvCell, CsvId } from './csv-write';
export { contributionsCsv, groupWorkCsv, checkinCsv, contributionsTable, groupWorkTable, checkinTable, formatTime } from './trace-csv';
export type { CsvOptions, ExportTable } from './trace-csv';
export { traceXlsx, traceSheets } from './trace-xlsx';
export type { XlsxOptions } from './trace-xlsx';
export { writeXlsx, xlsxParts, xlsxString, XLSX_CELL_CHARACTERS } from './xlsx-write';
export type { XlsxSheet } from './xlsx-write';
export { summaryHtml, summaryBodyHtml } from './summary-html';
export { DOCUMENT_CSS } from './html-util';
export type { SummaryOptions } from './summary-html';
export { traceBundle, bundleFiles, bundledKitName, traceFileStem } from './trace-bundle';
export { readTraceBundle, isZip } from './trace-bundle-read';
export type { TraceBundleRead } from './trace-bundle-read';
export type { BundleOptions } from './trace-bundle';
export { synthesise } from './synthesis';
export type { Synthesis, SynthesisSession, CardFrequency, CaseSynthesis } from './synthesis';
export { synthesisCsv, synthesisHtml, synthesisBodyHtml } from './synthesis-output';
export type { SynthesisOutputOptions } from './synthesis-output';
export { visibleNotes, notesByTheme, participantCount, keptCards, checkinCounts, checkinActivities, gridReading, citedAcrossCases } from './trace-views';
export type { GridReading } from './trace-views';
export { kitLabels } from './kit-labels';
export type { KitLabels } from './kit-labels';

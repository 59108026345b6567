// Public face of src/diag: spans, diagnostics, the code catalogue, text and JSON rendering.
export type { Span } from "./span.js";
export { fileStart, joinSpans, spanPosition } from "./span.js";
export type { Diagnostic, DiagnosticNote, Severity } from "./diagnostic.js";
export { diag, formatMessage, hasErrors, sortDiagnostics } from "./diagnostic.js";
export type { CatalogueEntry, DiagArgs, DiagCode } from "./catalogue.js";
export { CATALOGUE, isDiagCode } from "./catalogue.js";
export type { SourceLookup } from "./render.js";
export { excerpt, renderDiagnostic, renderDiagnostics, singleSource, summaryLine } from "./render.js";
export type { JsonDiagnostic, JsonSpan } from "./json.js";
export { diagnosticToJson, diagnosticsToJson } from "./json.js";

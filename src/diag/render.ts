// Text form of diagnostics:
//   models.rech:3:11: error RECH1010: expected ')', found '{'
//      3 | block mlp(x {
//        |             ^
// followed by the notes in the same form (`note:` instead of `error CODE:`).
import type { Diagnostic, DiagnosticNote } from "./diagnostic.js";
import type { Span } from "./span.js";

/** Looks up a file's text by name; undefined when it is not available (then only the header line prints). */
export type SourceLookup = (file: string) => string | undefined;

function location(span: Span): string {
  return `${span.file}:${span.line}:${span.col}`;
}

/** The source line holding `span.offset`, the caret line under the span, both with a line-number gutter. */
export function excerpt(source: string, span: Span): string[] {
  const offset = Math.min(Math.max(span.offset, 0), source.length);
  const lineStart = source.lastIndexOf("\n", offset - 1) + 1;
  let lineEnd = source.indexOf("\n", offset);
  if (lineEnd < 0) lineEnd = source.length;
  if (lineEnd > lineStart && source[lineEnd - 1] === "\r") lineEnd -= 1;
  const line = source.slice(lineStart, lineEnd);
  const before = source.slice(lineStart, Math.min(offset, lineEnd));
  const pad = before.replace(/[^\t]/g, " ");
  const width = Math.max(1, Math.min(span.length, lineEnd - offset));
  const caret = "^" + "~".repeat(width - 1);
  const gutter = String(span.line);
  const blank = " ".repeat(gutter.length);
  return [` ${gutter} | ${line}`.trimEnd(), ` ${blank} | ${pad}${caret}`];
}

function block(header: string, span: Span | undefined, lookup: SourceLookup): string[] {
  const lines = [header];
  const source = span ? lookup(span.file) : undefined;
  if (span && source !== undefined) lines.push(...excerpt(source, span));
  return lines;
}

function renderNote(note: DiagnosticNote, lookup: SourceLookup): string[] {
  const header = note.span ? `${location(note.span)}: note: ${note.message}` : `note: ${note.message}`;
  return block(header, note.span, lookup);
}

export function renderDiagnostic(d: Diagnostic, lookup: SourceLookup): string {
  const lines = block(`${location(d.span)}: ${d.severity} ${d.code}: ${d.message}`, d.span, lookup);
  for (const note of d.notes ?? []) lines.push(...renderNote(note, lookup));
  return lines.join("\n");
}

/** All diagnostics, one after the other, each ending in a newline; "" for none. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], lookup: SourceLookup): string {
  return diagnostics.map((d) => renderDiagnostic(d, lookup) + "\n").join("");
}

/** A lookup over one file's text (the common case: `rech check FILE`). */
export function singleSource(file: string, text: string): SourceLookup {
  return (name) => (name === file ? text : undefined);
}

/** "2 errors, 1 warning" / "no problems". */
export function summaryLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  if (diagnostics.length === 0) return "no problems";
  const parts: string[] = [];
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? "" : "s"}`);
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? "" : "s"}`);
  return parts.join(", ");
}

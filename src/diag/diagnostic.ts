// Diagnostics are data: a code from the catalogue, a severity, a worded message and a span.
import { CATALOGUE, type DiagArgs, type DiagCode } from "./catalogue.js";
import type { Span } from "./span.js";

export type Severity = "error" | "warning";

export interface DiagnosticNote {
  message: string;
  span?: Span;
}

export interface Diagnostic {
  code: DiagCode;
  severity: Severity;
  message: string;
  span: Span;
  notes?: DiagnosticNote[];
}

/** Fills the catalogue template of `code` with `args`; a missing argument is a bug and throws. */
export function formatMessage<C extends DiagCode>(code: C, args: DiagArgs<C>): string {
  const template: string = CATALOGUE[code].message;
  const values = args as Record<string, string | number>;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`diagnostic ${code}: no value for {${key}}`);
    return String(value);
  });
}

/** Builds a diagnostic from the catalogue: `diag("RECH2003", span, { name: "x" })`. */
export function diag<C extends DiagCode>(
  code: C,
  span: Span,
  args: DiagArgs<C>,
  notes?: DiagnosticNote[],
): Diagnostic {
  const d: Diagnostic = { code, severity: CATALOGUE[code].severity, message: formatMessage(code, args), span };
  if (notes && notes.length > 0) d.notes = notes;
  return d;
}

/** Source order (file, then offset), then code; stable for equal keys. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : 0) ||
      a.span.offset - b.span.offset ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

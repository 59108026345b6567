// Machine-readable diagnostics for `--format json`. Field order is fixed so output is stable.
import type { Diagnostic } from "./diagnostic.js";
import type { Span } from "./span.js";

export interface JsonSpan {
  file: string;
  line: number;
  col: number;
  offset: number;
  length: number;
}
export interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  span: JsonSpan;
  notes: { message: string; span: JsonSpan | null }[];
}

function spanJson(s: Span): JsonSpan {
  return { file: s.file, line: s.line, col: s.col, offset: s.offset, length: s.length };
}

export function diagnosticToJson(d: Diagnostic): JsonDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    span: spanJson(d.span),
    notes: (d.notes ?? []).map((n) => ({ message: n.message, span: n.span ? spanJson(n.span) : null })),
  };
}

/** `{"diagnostics":[...]}` as one JSON document (pretty-printed with two spaces when `pretty`). */
export function diagnosticsToJson(diagnostics: readonly Diagnostic[], pretty = false): string {
  const doc = { diagnostics: diagnostics.map(diagnosticToJson) };
  return pretty ? JSON.stringify(doc, null, 2) : JSON.stringify(doc);
}

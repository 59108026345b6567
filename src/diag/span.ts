// A source location: 1-based line and column of the first character, 0-based offset and length in UTF-16
// code units (what JavaScript strings index).
export interface Span {
  file: string;
  line: number;
  col: number;
  offset: number;
  length: number;
}

/** The span from the start of `a` to the end of `b` (same file; `b` starts at or after `a`). */
export function joinSpans(a: Span, b: Span): Span {
  const end = Math.max(a.offset + a.length, b.offset + b.length);
  return { file: a.file, line: a.line, col: a.col, offset: a.offset, length: end - a.offset };
}

/** "line:col", as used inside messages ("opened at 3:1"). */
export function spanPosition(span: Span): string {
  return `${span.line}:${span.col}`;
}

/** A zero-length span at the start of a file (for problems that concern a whole file). */
export function fileStart(file: string): Span {
  return { file, line: 1, col: 1, offset: 0, length: 0 };
}

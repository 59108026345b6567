// State shared by the CST -> AST builders of one file.
import type { Diagnostic } from "../diag/diagnostic.js";
import type { Span } from "../diag/span.js";
import type { Ident } from "./ast.js";
import { tokenSpan, type IToken } from "./cst.js";

/** What a `{`, `(` or `[` opens: "block 'mlp'" and where that construct starts. */
export interface Opener {
  owner: string;
  span: Span;
}

export interface BuildContext {
  file: string;
  diagnostics: Diagnostic[];
  /** start offset of an opening bracket token -> what it opens (read by the syntax-error wording) */
  openers: Map<number, Opener>;
  /** start offsets of string tokens that lack their closing quote (already reported) */
  unterminated: Set<number>;
}

export function newContext(file: string, unterminated: Set<number>): BuildContext {
  return { file, diagnostics: [], openers: new Map(), unterminated };
}

/** A zero-length span just after `span` (where something missing would have been). */
export function after(span: Span): Span {
  return { file: span.file, line: span.line, col: span.col + span.length, offset: span.offset + span.length, length: 0 };
}

export function ident(ctx: BuildContext, token: IToken | undefined, fallback: Span): Ident {
  if (!token) return { kind: "Ident", name: "", span: fallback };
  return { kind: "Ident", name: token.image, span: tokenSpan(ctx.file, token) };
}

export function recordOpener(ctx: BuildContext, token: IToken | undefined, owner: string, span: Span): void {
  if (token) ctx.openers.set(token.startOffset, { owner, span });
}

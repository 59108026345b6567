// parse(text, file): lex, parse with recovery, build the AST, word every problem as a diagnostic.
// User errors never throw; a throw from here is a bug in the front end.
import { tokenMatcher, type ILexingError, type IRecognitionException, type IToken } from "chevrotain";
import { rechParser } from "../../grammar/parser.js";
import * as T from "../../grammar/tokens.js";
import { diag, sortDiagnostics, type Diagnostic } from "../diag/diagnostic.js";
import type { Span } from "../diag/span.js";
import type { Expr, Program } from "./ast.js";
import { newContext, type BuildContext } from "./build-context.js";
import { buildExpr } from "./build-expr.js";
import { buildItems } from "./build-items.js";
import { tokenSpan, type CstNode } from "./cst.js";
import { syntaxDiagnostic } from "./syntax-errors.js";

export interface ParseResult {
  ast: Program;
  diagnostics: Diagnostic[];
}

interface Lexed {
  tokens: IToken[];
  diagnostics: Diagnostic[];
  unterminated: Set<number>;
}

function describeChars(run: string): string {
  const shown = [...run].map((c) => (c >= " " && c <= "~") || c > "\u00a0" ? c : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
  return run.length === 1 ? `character '${shown.join("")}'` : `characters '${shown.join("")}'`;
}

function lex(text: string, file: string): Lexed {
  const result = T.rechLexer.tokenize(text);
  const diagnostics = result.errors.map((e: ILexingError) => {
    const span: Span = { file, line: e.line ?? 1, col: e.column ?? 1, offset: e.offset, length: e.length };
    return diag("RECH1001", span, { text: describeChars(text.slice(e.offset, e.offset + e.length)) });
  });
  const unterminated = new Set<number>();
  const tokens = result.tokens.map((t) => {
    if (t.tokenType !== T.UnterminatedString) return t;
    diagnostics.push(diag("RECH1002", tokenSpan(file, t), {}));
    unterminated.add(t.startOffset);
    return { ...t, tokenType: T.StringLit, tokenTypeIdx: T.StringLit.tokenTypeIdx! };
  });
  return { tokens, diagnostics, unterminated };
}

/** Deeper bracket nesting is refused before parsing (chevrotain's recovery recurses per level). */
export const MAX_NESTING = 40;

/** The first opening bracket that goes deeper than MAX_NESTING, if any. */
function tooDeep(tokens: IToken[]): IToken | undefined {
  let depth = 0;
  for (const t of tokens) {
    if (tokenMatcher(t, T.LParen) || tokenMatcher(t, T.LBracket) || tokenMatcher(t, T.LCurly)) depth++;
    else if (tokenMatcher(t, T.RParen) || tokenMatcher(t, T.RBracket) || tokenMatcher(t, T.RCurly)) depth = Math.max(0, depth - 1);
    if (depth > MAX_NESTING) return t;
  }
  return undefined;
}

/** Index of the first token at or after `from` that plainly starts a top-level item. */
function nextItemStart(tokens: IToken[], from: number): number {
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (tokenMatcher(t, T.Block) || tokenMatcher(t, T.Model)) return i;
    if (tokenMatcher(t, T.Features) && tokens[i + 1] && tokenMatcher(tokens[i + 1]!, T.Name)) return i;
  }
  return tokens.length;
}

/** Parses the whole token list; stray input at the top level is reported and parsing resumes at the next item. */
function parseSegments(tokens: IToken[]): { roots: CstNode[]; errors: IRecognitionException[] } {
  const parser = rechParser();
  const roots: CstNode[] = [];
  const errors: IRecognitionException[] = [];
  let start = 0;
  while (start < tokens.length || roots.length === 0) {
    parser.input = tokens.slice(start);
    roots.push(parser.program());
    const segmentErrors = [...parser.errors];
    errors.push(...segmentErrors);
    const leftover = segmentErrors.find((e) => e.name === "NotAllInputParsedException");
    if (!leftover) break;
    const at = tokens.indexOf(leftover.token, start);
    if (at < 0) break;
    start = nextItemStart(tokens, at + 1);
  }
  return { roots, errors };
}

/** Keeps one diagnostic per position, and drops syntax errors that follow a lexer error on its line. */
function prune(lexical: Diagnostic[], syntax: Diagnostic[]): Diagnostic[] {
  const seen = new Set<number>();
  const kept: Diagnostic[] = [];
  for (const d of syntax) {
    if (seen.has(d.span.offset)) continue;
    if (lexical.some((l) => l.span.line === d.span.line && l.span.offset <= d.span.offset)) continue;
    seen.add(d.span.offset);
    kept.push(d);
  }
  return kept;
}

export function parse(text: string, file: string): ParseResult {
  const lexed = lex(text, file);
  const deep = tooDeep(lexed.tokens);
  if (deep) {
    const limit = diag("RECH1019", tokenSpan(file, deep), { limit: MAX_NESTING });
    const whole: Span = { file, line: 1, col: 1, offset: 0, length: text.length };
    return { ast: { kind: "Program", file, items: [], span: whole }, diagnostics: sortDiagnostics([...lexed.diagnostics, limit]) };
  }
  const { roots, errors } = parseSegments(lexed.tokens);
  const ctx: BuildContext = newContext(file, lexed.unterminated);
  const items = roots.flatMap((root) => buildItems(ctx, root));
  const syntax = errors.map((e) => syntaxDiagnostic(ctx, e, lexed.tokens));
  const ast: Program = {
    kind: "Program",
    file,
    items,
    span: { file, line: 1, col: 1, offset: 0, length: text.length },
  };
  const diagnostics = [...lexed.diagnostics, ...prune(lexed.diagnostics, syntax), ...ctx.diagnostics];
  return { ast, diagnostics: sortDiagnostics(diagnostics) };
}

export interface ParseExprResult {
  expr: Expr;
  diagnostics: Diagnostic[];
}

/** Parses one expression (e.g. the value of `--set dims=[64,32]`); `file` names the origin in spans. */
export function parseExpr(text: string, file: string): ParseExprResult {
  const lexed = lex(text, file);
  const deep = tooDeep(lexed.tokens);
  if (deep) {
    const whole: Span = { file, line: 1, col: 1, offset: 0, length: text.length };
    return { expr: { kind: "Error", span: whole }, diagnostics: [diag("RECH1019", tokenSpan(file, deep), { limit: MAX_NESTING })] };
  }
  const parser = rechParser();
  parser.input = lexed.tokens;
  const node = parser.expression();
  const ctx = newContext(file, lexed.unterminated);
  const whole: Span = { file, line: 1, col: 1, offset: 0, length: text.length };
  const expr = buildExpr(ctx, node, whole);
  const syntax = parser.errors.map((e) =>
    e.name === "NotAllInputParsedException"
      ? diag("RECH1010", tokenSpan(file, e.token), { expected: "the end of the value", found: `'${e.token.image}'` })
      : syntaxDiagnostic(ctx, e, lexed.tokens),
  );
  const diagnostics = [...lexed.diagnostics, ...prune(lexed.diagnostics, syntax), ...ctx.diagnostics];
  return { expr, diagnostics: sortDiagnostics(diagnostics) };
}

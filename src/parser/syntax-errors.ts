// Words chevrotain's recognition errors (JSON records from grammar/messages.ts) as coded diagnostics.
// A missing '}', ')' or ']' names what it should close and where that started, found by matching brackets
// over the token stream and looking the opening token up in the openers the AST builder recorded.
import { EOF, tokenMatcher, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import { readSyntaxErrorInfo, type SyntaxErrorInfo } from "../../grammar/messages.js";
import * as T from "../../grammar/tokens.js";
import { SECTION_NAMES } from "../../grammar/words.js";
import { diag, type Diagnostic } from "../diag/diagnostic.js";
import { spanPosition, type Span } from "../diag/span.js";
import type { BuildContext } from "./build-context.js";
import { isRealToken, tokenSpan } from "./cst.js";
import { FEATURE_KIND_WORDS, ITEM_WORDS, wordList } from "./word-lists.js";

const LABELS = new Map<string, string>(T.allTokens.map((t) => [t.name, (t.LABEL as string | undefined) ?? t.name]));

const HARD_KEYWORDS: ReadonlySet<string> = new Set(T.hardKeywords.map((t) => t.name));

const CLOSERS: Record<string, { open: TokenType; text: string }> = {
  RCurly: { open: T.LCurly, text: "}" },
  RParen: { open: T.LParen, text: ")" },
  RBracket: { open: T.LBracket, text: "]" },
};

/** What else a '}' could have been preceded by, per rule, when the '}' is missing. */
const BEFORE_CLOSE: Record<string, string> = {
  body: "a statement or '}'",
  modelDecl: `a model section (${wordList(SECTION_NAMES)}) or '}'`,
  featuresDecl: `a feature declaration (${FEATURE_KIND_WORDS}) or '}'`,
  trainSection: "a setting or '}'",
};

const DESCRIPTIONS: Record<string, string> = {
  section: `a model section (${wordList(SECTION_NAMES)})`,
  statement: "a statement",
  expression: "an expression",
  scoreBody: "'{' or an expression",
};

export function describeToken(t: IToken): string {
  if (t.tokenType === EOF) return "end of file";
  const image = t.image.length > 24 ? `${t.image.slice(0, 24)}...` : t.image;
  return `'${image}'`;
}

/** Where an error at `t` points: the token, or just after the last real token for end of file. */
export function errorSpan(file: string, t: IToken, tokens: readonly IToken[]): Span {
  if (t.tokenType !== EOF && isRealToken(t)) return tokenSpan(file, t);
  const last = tokens[tokens.length - 1];
  if (!last) return { file, line: 1, col: 1, offset: 0, length: 0 };
  return {
    file,
    line: last.endLine ?? 1,
    col: (last.endColumn ?? 0) + 1,
    offset: (last.endOffset ?? last.startOffset) + 1,
    length: 0,
  };
}

/** The innermost opening bracket of type `open` still unclosed before token offset `at`. */
function unclosedOpener(tokens: readonly IToken[], open: TokenType, at: number): IToken | undefined {
  const stack: IToken[] = [];
  const pairs: [TokenType, TokenType][] = [
    [T.LCurly, T.RCurly],
    [T.LParen, T.RParen],
    [T.LBracket, T.RBracket],
  ];
  for (const tok of tokens) {
    if (tok.startOffset >= at) break;
    const pair = pairs.find(([o, c]) => tok.tokenType === o || tok.tokenType === c);
    if (!pair) continue;
    if (tok.tokenType === pair[0]) {
      stack.push(tok);
      continue;
    }
    const idx = stack.map((s) => s.tokenType).lastIndexOf(pair[0]);
    if (idx >= 0) stack.length = idx;
  }
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.tokenType === open) return stack[i];
  return undefined;
}

/** True when `t` plainly starts a new top-level item, so the construct before it was left open. */
function startsItem(t: IToken, next: IToken | undefined): boolean {
  if (t.tokenType === EOF) return true;
  if (tokenMatcher(t, T.Block) || tokenMatcher(t, T.Model)) return true;
  return tokenMatcher(t, T.Features) && next !== undefined && tokenMatcher(next, T.Name);
}

/** A hard keyword where a name was meant: `block return(x)`, `in = x`, `f(a, and)`. */
function usedAsName(token: IToken, tokens: readonly IToken[], info: SyntaxErrorInfo | undefined): boolean {
  if (!HARD_KEYWORDS.has(token.tokenType.name)) return false;
  const next = tokens[tokens.indexOf(token) + 1];
  if (!next) return false;
  const binds = tokenMatcher(next, T.Assign) || tokenMatcher(next, T.Comma);
  const nameLike = binds || tokenMatcher(next, T.LParen) || tokenMatcher(next, T.RParen);
  return (info?.kind === "mismatch" && info.expected === "Name" && nameLike) || binds;
}

function expectedLabels(names: string[]): string {
  const labels = [...new Set(names.map((n) => LABELS.get(n) ?? n))];
  if (labels.length <= 1) return labels[0] ?? "something else";
  return `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
}

export function syntaxDiagnostic(
  ctx: BuildContext,
  err: IRecognitionException,
  tokens: readonly IToken[],
): Diagnostic {
  const token = err.token;
  const span = errorSpan(ctx.file, token, tokens);
  const found = describeToken(token);
  const info: SyntaxErrorInfo | undefined = readSyntaxErrorInfo(err.message);
  if (usedAsName(token, tokens, info)) return diag("RECH1018", span, { name: token.image });
  if (!info || info.kind === "leftover") return diag("RECH1012", span, { expected: ITEM_WORDS, found });
  if (info.kind === "mismatch" && info.expected === "EOF") return diag("RECH1012", span, { expected: ITEM_WORDS, found });
  if (info.kind === "alternatives") {
    if (info.description === "item") return diag("RECH1012", span, { expected: ITEM_WORDS, found });
    if (info.description === "featureKind") return diag("RECH1015", span, { expected: FEATURE_KIND_WORDS, found });
    const expected = (info.description && DESCRIPTIONS[info.description]) ?? expectedLabels(info.expected);
    return diag("RECH1010", span, { expected, found });
  }
  const closer = CLOSERS[info.expected];
  if (closer) {
    const index = tokens.findIndex((t) => t.startOffset >= span.offset);
    const beforeClose = BEFORE_CLOSE[info.rule];
    if (info.expected === "RCurly" && beforeClose && !startsItem(token, tokens[index + 1])) {
      return diag("RECH1010", span, { expected: beforeClose, found });
    }
    const opener = unclosedOpener(tokens, closer.open, span.offset);
    if (opener) {
      const known = ctx.openers.get(opener.startOffset);
      const owner = known?.owner ?? `'${opener.image}'`;
      const pos = spanPosition(known?.span ?? tokenSpan(ctx.file, opener));
      return diag("RECH1011", span, { close: closer.text, owner, pos, found });
    }
  }
  return diag("RECH1010", span, { expected: LABELS.get(info.expected) ?? info.expected, found });
}

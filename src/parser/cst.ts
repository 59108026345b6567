// Small helpers for reading chevrotain CST nodes and turning tokens and nodes into spans.
// Recovery can leave children missing or insert virtual tokens (NaN positions); every helper tolerates both.
import type { CstElement, CstNode, IToken } from "chevrotain";
import type { Span } from "../diag/span.js";

export function isToken(e: CstElement): e is IToken {
  return (e as IToken).image !== undefined;
}

/** A real token (not one invented by single-token-insertion recovery). */
export function isRealToken(t: IToken | undefined): t is IToken {
  return t !== undefined && !t.isInsertedInRecovery && Number.isFinite(t.startOffset);
}

export function childNodes(node: CstNode, key: string): CstNode[] {
  return (node.children[key] ?? []).filter((e): e is CstNode => !isToken(e));
}

export function childNode(node: CstNode, key: string): CstNode | undefined {
  return childNodes(node, key)[0];
}

export function childTokens(node: CstNode, key: string): IToken[] {
  return (node.children[key] ?? []).filter((e): e is IToken => isToken(e) && isRealToken(e));
}

export function childToken(node: CstNode, key: string): IToken | undefined {
  return childTokens(node, key)[0];
}

export function tokenSpan(file: string, t: IToken): Span {
  const length = Number.isFinite(t.endOffset) ? (t.endOffset as number) - t.startOffset + 1 : t.image.length;
  return { file, line: t.startLine ?? 1, col: t.startColumn ?? 1, offset: t.startOffset, length };
}

/** The span of a CST node from its first to its last real token; undefined if it holds none. */
export function nodeSpan(file: string, node: CstNode): Span | undefined {
  const loc = node.location;
  if (!loc || !Number.isFinite(loc.startOffset) || !Number.isFinite(loc.endOffset ?? NaN)) return undefined;
  return {
    file,
    line: loc.startLine ?? 1,
    col: loc.startColumn ?? 1,
    offset: loc.startOffset,
    length: (loc.endOffset as number) - loc.startOffset + 1,
  };
}

/** The line on which a CST node ends (undefined if it holds no real token). */
export function nodeEndLine(node: CstNode): number | undefined {
  const line = node.location?.endLine;
  return line !== undefined && Number.isFinite(line) ? line : undefined;
}

/** The line on which a CST node starts (undefined if it holds no real token). */
export function nodeStartLine(node: CstNode): number | undefined {
  const line = node.location?.startLine;
  return line !== undefined && Number.isFinite(line) ? line : undefined;
}

/** All CST nodes under several keys, in source order (the CST groups children by name, not position). */
export function nodesInOrder(node: CstNode, keys: string[]): CstNode[] {
  const all = keys.flatMap((k) => childNodes(node, k));
  return all.sort((a, b) => (a.location?.startOffset ?? 0) - (b.location?.startOffset ?? 0));
}

export type { CstNode, IToken };

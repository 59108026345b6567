// The parser's error-message provider. Instead of English it writes a small JSON record describing what was
// expected; src/parser turns that record into a worded, coded diagnostic (with context such as the block a
// missing '}' belongs to). The grammar thereby stays free of diagnostic wording.
import type { IParserErrorMessageProvider, TokenType } from "chevrotain";

export type SyntaxErrorInfo =
  /** a CONSUME failed: `expected` is the token type's name (e.g. "RCurly") */
  | { kind: "mismatch"; expected: string; rule: string }
  /** an OR found no alternative: the first tokens of every alternative, or the rule's own description */
  | { kind: "alternatives"; expected: string[]; description?: string; rule: string }
  /** input left after the last top-level item */
  | { kind: "leftover"; rule: string };

function firstTokens(paths: TokenType[][]): string[] {
  const names: string[] = [];
  for (const path of paths) {
    const first = path[0];
    if (first && !names.includes(first.name)) names.push(first.name);
  }
  return names;
}

export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, ruleName }) {
    const info: SyntaxErrorInfo = { kind: "mismatch", expected: expected.name, rule: ruleName };
    return JSON.stringify(info);
  },
  buildNotAllInputParsedMessage({ ruleName }) {
    const info: SyntaxErrorInfo = { kind: "leftover", rule: ruleName };
    return JSON.stringify(info);
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, customUserDescription, ruleName }) {
    const info: SyntaxErrorInfo = {
      kind: "alternatives",
      expected: firstTokens(expectedPathsPerAlt.flat()),
      rule: ruleName,
      ...(customUserDescription ? { description: customUserDescription } : {}),
    };
    return JSON.stringify(info);
  },
  buildEarlyExitMessage({ expectedIterationPaths, customUserDescription, ruleName }) {
    const info: SyntaxErrorInfo = {
      kind: "alternatives",
      expected: firstTokens(expectedIterationPaths),
      rule: ruleName,
      ...(customUserDescription ? { description: customUserDescription } : {}),
    };
    return JSON.stringify(info);
  },
};

/** Reads back a message written by the provider above; undefined for anything else. */
export function readSyntaxErrorInfo(message: string): SyntaxErrorInfo | undefined {
  if (!message.startsWith("{")) return undefined;
  try {
    return JSON.parse(message) as SyntaxErrorInfo;
  } catch {
    return undefined;
  }
}

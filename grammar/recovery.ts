// Error-recovery tuning shared by the .rech parsers. chevrotain resumes after a syntax error at a token that
// may follow one of the rules being parsed; these overrides make it prefer good places to resume (see
// goodResyncPoint) and the innermost rule that can resume there. They override chevrotain 11.2.0 methods
// that its typings do not declare (the version is pinned in package.json).
import { CstParser, EOF, tokenMatcher, type IParserConfig, type IToken, type TokenType } from "chevrotain";
import * as T from "./tokens.js";

/** chevrotain internals used by the recovery overrides below (present in 11.2.0, not in its typings) */
type LookaheadFn = (this: unknown) => boolean;
interface RecoveryInternals {
  flattenFollowSet(): TokenType[];
  tryInRepetitionRecovery(rule: unknown, args: unknown, lookahead: LookaheadFn, expected: TokenType): void;
}
const baseRecovery = CstParser.prototype as unknown as RecoveryInternals;

/** A name mid-line is a poor place to resume after an error (`x = = y`: `y` would start a new statement);
 *  a name that starts a line, punctuation, keywords and the end of input are good ones. */
function goodResyncPoint(t: IToken, previous: IToken): boolean {
  if (t.tokenType === EOF || !tokenMatcher(t, T.Name)) return true;
  const prevLine = previous.endLine ?? previous.startLine;
  return prevLine === undefined || !Number.isFinite(prevLine) || (t.startLine ?? 0) > prevLine;
}

export class RecoveringParser extends CstParser {
  private resyncToken: IToken | undefined;

  constructor(config: IParserConfig) {
    super(T.allTokens, { ...config, recoveryEnabled: true });
  }

  // Error recovery, rule level: after a syntax error chevrotain skips ahead to a token that may follow one of
  // the rules being parsed. These two overrides of its (untyped) recovery methods make it skip to the first
  // such token that is also a good resync point, and to exactly that token, resuming in the innermost rule
  // that such a token may follow.
  findReSyncTokenType(): TokenType {
    // outermost rule first in chevrotain's list; the innermost rule that can resume should do so
    const follows = (this as unknown as RecoveryInternals).flattenFollowSet().slice().reverse();
    for (let k = 1; ; k++) {
      const t = this.LA(k);
      const match = follows.find((f) => tokenMatcher(t, f));
      if ((match && goodResyncPoint(t, this.LA(k - 1))) || t.tokenType === EOF) {
        this.resyncToken = t;
        return match ?? EOF;
      }
    }
  }

  reSyncTo(tokType: TokenType): IToken[] {
    const skipped: IToken[] = [];
    const target = this.resyncToken;
    while (this.LA(1).tokenType !== EOF && (target ? this.LA(1) !== target : !tokenMatcher(this.LA(1), tokType))) {
      skipped.push(this.LA(1));
      this.SKIP_TOKEN();
    }
    this.resyncToken = undefined;
    return skipped;
  }

  // Error recovery inside a repetition (a list of statements, sections, features): chevrotain skips tokens
  // until one can start the next iteration; only good resync points may.
  tryInRepetitionRecovery(rule: unknown, args: unknown, lookahead: LookaheadFn, expected: TokenType): void {
    const gated: LookaheadFn = function (this: unknown) {
      const self = this as RecoveringParser;
      return goodResyncPoint(self.LA(1), self.LA(0)) && lookahead.call(this);
    };
    baseRecovery.tryInRepetitionRecovery.call(this, rule, args, gated, expected);
  }
}

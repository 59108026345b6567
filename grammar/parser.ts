// The .rech grammar as a chevrotain CST parser: no embedded actions, error recovery on.
// src/parser/build turns the CST into the AST. Labels name the CST children the builder reads.
//
//   program      := item*
//   item         := featuresDecl | blockDecl | modelDecl
//   featuresDecl := 'features' NAME '{' (featureDecl | ';')* '}'
//   featureDecl  := ('sparse' | 'sequence' | 'dense') NAME (IDENT expression)*
//   blockDecl    := 'block' NAME params body
//   modelDecl    := 'model' NAME params '{' (section | ';')* '}'
//   section      := ('user' | 'item' | IDENT) body | 'score' (body | expression) | 'train' '{' (NAME expression | ';')* '}'
//   params       := '(' [param (',' param)* [',']] ')'        param := NAME ['=' expression]
//   body         := '{' (statement | ';')* '}'
//   statement    := NAME (',' NAME)* '=' expression | 'for' NAME [',' NAME] 'in' expression body
//                 | 'if' expression body ['else' (ifStmt | body)] | 'return' expression (',' expression)*
//   expression   := or;  or := and ('or' and)*;  and := not ('and' not)*;  not := 'not' not | comparison
//   comparison   := additive [CMP additive] (a chain a < b < c parses, and is reported);  additive := mul (('+'|'-') mul)*;  mul := unary (('*'|'/'|'@') unary)*
//   unary        := '-' unary | postfix;  postfix := primary ('[' expression ']')*
//   primary      := INT | FLOAT | STRING | 'true' | 'false' | list | NAME ['(' args ')'] | '(' expression ')'
//   args         := [arg (',' arg)* [',']]   arg := NAME '=' expression | expression
//   list         := '[' [expression (',' expression)* [',']] ']'
import { CstParser, EOF, tokenMatcher, type CstNode, type IToken, type TokenType } from "chevrotain";
import { errorMessageProvider } from "./messages.js";
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

export class RechParser extends CstParser {
  private resyncToken: IToken | undefined;

  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, nodeLocationTracking: "full", errorMessageProvider });
    this.performSelfAnalysis();
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
      const self = this as RechParser;
      return goodResyncPoint(self.LA(1), self.LA(0)) && lookahead.call(this);
    };
    baseRecovery.tryInRepetitionRecovery.call(this, rule, args, gated, expected);
  }

  program = this.RULE("program", () => {
    this.MANY(() => {
      this.OR({
        DEF: [
          { ALT: () => this.SUBRULE(this.featuresDecl) },
          { ALT: () => this.SUBRULE(this.blockDecl) },
          { ALT: () => this.SUBRULE(this.modelDecl) },
        ],
        ERR_MSG: "item",
      });
    });
  });

  featuresDecl = this.RULE("featuresDecl", () => {
    this.CONSUME(T.Features);
    this.CONSUME(T.Name, { LABEL: "name" });
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.featureDecl) }, { ALT: () => this.CONSUME(T.Semicolon) }]);
    });
    this.CONSUME(T.RCurly);
  });

  featureDecl = this.RULE("featureDecl", () => {
    this.OR({
      DEF: [
        { ALT: () => this.CONSUME(T.Sparse, { LABEL: "kind" }) },
        { ALT: () => this.CONSUME(T.Sequence, { LABEL: "kind" }) },
        { ALT: () => this.CONSUME(T.Dense, { LABEL: "kind" }) },
      ],
      ERR_MSG: "featureKind",
    });
    this.CONSUME(T.Name, { LABEL: "name" });
    this.MANY(() => this.SUBRULE(this.featureAttr));
  });

  featureAttr = this.RULE("featureAttr", () => {
    this.CONSUME(T.Identifier, { LABEL: "key" });
    this.SUBRULE(this.expression, { LABEL: "value" });
  });

  blockDecl = this.RULE("blockDecl", () => {
    this.CONSUME(T.Block);
    this.CONSUME(T.Name, { LABEL: "name" });
    this.SUBRULE(this.params);
    this.SUBRULE(this.body);
  });

  modelDecl = this.RULE("modelDecl", () => {
    this.CONSUME(T.Model);
    this.CONSUME(T.Name, { LABEL: "name" });
    this.SUBRULE(this.params);
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR({
        DEF: [
          { ALT: () => this.SUBRULE(this.towerSection) },
          { ALT: () => this.SUBRULE(this.scoreSection) },
          { ALT: () => this.SUBRULE(this.trainSection) },
          { ALT: () => this.CONSUME(T.Semicolon) },
        ],
        ERR_MSG: "section",
      });
    });
    this.CONSUME(T.RCurly);
  });

  // `Identifier` admits a misspelt section name (`usr { }`); the AST builder reports it by name, which
  // keeps the parser in step with the braces.
  towerSection = this.RULE("towerSection", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.User, { LABEL: "section" }) },
      { ALT: () => this.CONSUME(T.Item, { LABEL: "section" }) },
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: "section" }) },
    ]);
    this.SUBRULE(this.body);
  });

  scoreSection = this.RULE("scoreSection", () => {
    this.CONSUME(T.Score, { LABEL: "section" });
    this.OR({
      DEF: [{ ALT: () => this.SUBRULE(this.body) }, { ALT: () => this.SUBRULE(this.expression) }],
      ERR_MSG: "scoreBody",
    });
  });

  trainSection = this.RULE("trainSection", () => {
    this.CONSUME(T.Train, { LABEL: "section" });
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.setting) }, { ALT: () => this.CONSUME(T.Semicolon) }]);
    });
    this.CONSUME(T.RCurly);
  });

  setting = this.RULE("setting", () => {
    this.CONSUME(T.Name, { LABEL: "key" });
    this.SUBRULE(this.expression, { LABEL: "value" });
  });

  params = this.RULE("params", () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.param);
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.param);
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RParen);
  });

  param = this.RULE("param", () => {
    this.CONSUME(T.Name, { LABEL: "name" });
    this.OPTION(() => {
      this.CONSUME(T.Assign);
      this.SUBRULE(this.expression, { LABEL: "default" });
    });
  });

  body = this.RULE("body", () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR([{ ALT: () => this.SUBRULE(this.statement) }, { ALT: () => this.CONSUME(T.Semicolon) }]);
    });
    this.CONSUME(T.RCurly);
  });

  statement = this.RULE("statement", () => {
    this.OR({
      DEF: [
        { ALT: () => this.SUBRULE(this.assignStmt) },
        { ALT: () => this.SUBRULE(this.forStmt) },
        { ALT: () => this.SUBRULE(this.ifStmt) },
        { ALT: () => this.SUBRULE(this.returnStmt) },
      ],
      ERR_MSG: "statement",
    });
  });

  assignStmt = this.RULE("assignStmt", () => {
    this.CONSUME(T.Name, { LABEL: "target" });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.CONSUME2(T.Name, { LABEL: "target" });
    });
    this.CONSUME(T.Assign);
    this.SUBRULE(this.expression, { LABEL: "value" });
  });

  forStmt = this.RULE("forStmt", () => {
    this.CONSUME(T.For);
    this.CONSUME(T.Name, { LABEL: "var" });
    this.OPTION(() => {
      this.CONSUME(T.Comma);
      this.CONSUME2(T.Name, { LABEL: "index" });
    });
    this.CONSUME(T.In);
    this.SUBRULE(this.expression, { LABEL: "iter" });
    this.SUBRULE(this.body);
  });

  ifStmt = this.RULE("ifStmt", () => {
    this.CONSUME(T.If);
    this.SUBRULE(this.expression, { LABEL: "cond" });
    this.SUBRULE(this.body, { LABEL: "then" });
    this.OPTION(() => {
      this.CONSUME(T.Else);
      this.OR([
        { ALT: () => this.SUBRULE(this.ifStmt, { LABEL: "elseIf" }) },
        { ALT: () => this.SUBRULE2(this.body, { LABEL: "else" }) },
      ]);
    });
  });

  returnStmt = this.RULE("returnStmt", () => {
    this.CONSUME(T.Return);
    this.SUBRULE(this.expression, { LABEL: "value" });
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.expression, { LABEL: "value" });
    });
  });

  expression = this.RULE("expression", () => {
    this.SUBRULE(this.andExpr, { LABEL: "operand" });
    this.MANY(() => {
      this.CONSUME(T.Or, { LABEL: "op" });
      this.SUBRULE2(this.andExpr, { LABEL: "operand" });
    });
  });

  andExpr = this.RULE("andExpr", () => {
    this.SUBRULE(this.notExpr, { LABEL: "operand" });
    this.MANY(() => {
      this.CONSUME(T.And, { LABEL: "op" });
      this.SUBRULE2(this.notExpr, { LABEL: "operand" });
    });
  });

  notExpr = this.RULE("notExpr", () => {
    this.OR({
      ERR_MSG: "expression",
      DEF: [
      {
        ALT: () => {
          this.CONSUME(T.Not, { LABEL: "op" });
          this.SUBRULE(this.notExpr, { LABEL: "operand" });
        },
      },
      { ALT: () => this.SUBRULE(this.comparison, { LABEL: "operand" }) },
      ],
    });
  });

  // comparisons do not chain; the grammar accepts `a < b < c` so the AST builder can say so in words
  comparison = this.RULE("comparison", () => {
    this.SUBRULE(this.additive, { LABEL: "operand" });
    this.MANY(() => {
      this.CONSUME(T.CmpOp, { LABEL: "op" });
      this.SUBRULE2(this.additive, { LABEL: "operand" });
    });
  });

  additive = this.RULE("additive", () => {
    this.SUBRULE(this.multiplicative, { LABEL: "operand" });
    this.MANY(() => {
      this.CONSUME(T.AddOp, { LABEL: "op" });
      this.SUBRULE2(this.multiplicative, { LABEL: "operand" });
    });
  });

  multiplicative = this.RULE("multiplicative", () => {
    this.SUBRULE(this.unary, { LABEL: "operand" });
    this.MANY(() => {
      this.CONSUME(T.MulOp, { LABEL: "op" });
      this.SUBRULE2(this.unary, { LABEL: "operand" });
    });
  });

  unary = this.RULE("unary", () => {
    this.OR({
      ERR_MSG: "expression",
      DEF: [
      {
        ALT: () => {
          this.CONSUME(T.Minus, { LABEL: "op" });
          this.SUBRULE(this.unary, { LABEL: "operand" });
        },
      },
      { ALT: () => this.SUBRULE(this.postfix, { LABEL: "operand" }) },
      ],
    });
  });

  postfix = this.RULE("postfix", () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.CONSUME(T.LBracket, { LABEL: "open" });
      this.SUBRULE(this.expression, { LABEL: "index" });
      this.CONSUME(T.RBracket, { LABEL: "close" });
    });
  });

  primary = this.RULE("primary", () => {
    this.OR({
      DEF: [
        { ALT: () => this.CONSUME(T.IntLit, { LABEL: "literal" }) },
        { ALT: () => this.CONSUME(T.FloatLit, { LABEL: "literal" }) },
        { ALT: () => this.CONSUME(T.StringLit, { LABEL: "literal" }) },
        { ALT: () => this.CONSUME(T.True, { LABEL: "literal" }) },
        { ALT: () => this.CONSUME(T.False, { LABEL: "literal" }) },
        { ALT: () => this.SUBRULE(this.list) },
        { ALT: () => this.SUBRULE(this.nameOrCall) },
        { ALT: () => this.SUBRULE(this.parenExpr) },
      ],
      ERR_MSG: "expression",
    });
  });

  nameOrCall = this.RULE("nameOrCall", () => {
    this.CONSUME(T.Name, { LABEL: "name" });
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.OPTION2(() => {
        this.SUBRULE(this.arg);
        this.MANY(() => {
          this.CONSUME(T.Comma);
          this.SUBRULE2(this.arg);
        });
        this.OPTION3(() => this.CONSUME2(T.Comma));
      });
      this.CONSUME(T.RParen);
    });
  });

  arg = this.RULE("arg", () => {
    this.OR({
      ERR_MSG: "expression",
      DEF: [
      {
        ALT: () => {
          this.CONSUME(T.Name, { LABEL: "key" });
          this.CONSUME(T.Assign);
          this.SUBRULE(this.expression, { LABEL: "value" });
        },
      },
      { ALT: () => this.SUBRULE2(this.expression, { LABEL: "value" }) },
      ],
    });
  });

  list = this.RULE("list", () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expression, { LABEL: "item" });
      this.MANY(() => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.expression, { LABEL: "item" });
      });
      this.OPTION2(() => this.CONSUME2(T.Comma));
    });
    this.CONSUME(T.RBracket);
  });

  parenExpr = this.RULE("parenExpr", () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression, { LABEL: "inner" });
    this.CONSUME(T.RParen);
  });
}

let instance: RechParser | undefined;

/** The one parser instance (chevrotain's self-analysis is expensive; the instance is reset per input). */
export function rechParser(): RechParser {
  instance ??= new RechParser();
  return instance;
}

export type { CstNode, IToken };

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
//   comparison   := additive (CMP additive)*   (a chain a < b < c parses, and the AST builder reports it)
//   additive     := mul (('+'|'-') mul)*;  mul := unary (('*'|'/'|'@') unary)*
//   unary        := '-' unary | postfix;  postfix := primary ('[' expression ']')*
//   primary      := INT | FLOAT | STRING | 'true' | 'false' | list | NAME ['(' args ')'] | '(' expression ')'
//   args         := [arg (',' arg)* [',']]   arg := NAME '=' expression | expression
//   list         := '[' [expression (',' expression)* [',']] ']'
// Newlines are whitespace: statements end where the next cannot continue them, or at an optional ';'.
// Expression rules live in expressions.ts, error-recovery tuning in recovery.ts.
import type { CstNode, IToken } from "chevrotain";
import { ExpressionParser } from "./expressions.js";
import { errorMessageProvider } from "./messages.js";
import * as T from "./tokens.js";

export class RechParser extends ExpressionParser {
  constructor() {
    super({ maxLookahead: 3, nodeLocationTracking: "full", errorMessageProvider });
    this.performSelfAnalysis();
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
}


let instance: RechParser | undefined;

/** The one parser instance (chevrotain's self-analysis is expensive; the instance is reset per input). */
export function rechParser(): RechParser {
  instance ??= new RechParser();
  return instance;
}

export type { CstNode, IToken };

// Expression rules of the .rech grammar (precedence from loosest to tightest: or, and, not, comparison,
// + -, * / @, unary -, postfix [ ], primary). Labels name the CST children src/parser/build-expr.ts reads.
import type { IParserConfig } from "chevrotain";
import { RecoveringParser } from "./recovery.js";
import * as T from "./tokens.js";

export class ExpressionParser extends RecoveringParser {
  constructor(config: IParserConfig) {
    super(config);
  }

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

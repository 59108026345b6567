// The .rech AST: discriminated unions on `kind`, a span on every node. Built by build-*.ts from the CST.
// After syntax errors the tree is still complete in shape: a missing expression is an `Error` node and a
// missing name is an Ident with name "" (later checks skip both).
import type { FeatureAttrName, FeatureKind, SectionName, TowerSectionName } from "../../grammar/words.js";
import type { Span } from "../diag/span.js";

export type { FeatureAttrName, FeatureKind, SectionName, TowerSectionName };

export interface Ident {
  kind: "Ident";
  name: string;
  span: Span;
}

// ---- top level --------------------------------------------------------------------------------------------

export interface Program {
  kind: "Program";
  file: string;
  items: Item[];
  span: Span;
}

export type Item = FeaturesDecl | BlockDecl | ModelDecl;

export interface FeaturesDecl {
  kind: "Features";
  name: Ident;
  features: FeatureDecl[];
  span: Span;
}

export interface FeatureDecl {
  kind: "Feature";
  featureKind: FeatureKind;
  name: Ident;
  /** in source order; unknown or repeated attributes are kept here and reported by the checker */
  attrs: FeatureAttr[];
  span: Span;
}

export interface FeatureAttr {
  kind: "FeatureAttr";
  key: Ident;
  value: Expr;
  span: Span;
}

export interface Param {
  kind: "Param";
  name: Ident;
  default?: Expr;
  span: Span;
}

export interface BlockDecl {
  kind: "Block";
  name: Ident;
  params: Param[];
  body: Stmt[];
  span: Span;
}

export interface ModelDecl {
  kind: "Model";
  name: Ident;
  params: Param[];
  sections: Section[];
  span: Span;
}

// ---- model sections ---------------------------------------------------------------------------------------

export type Section = TowerSection | ScoreExprSection | TrainSection;

/** `user { ... }`, `item { ... }`, `score { ... }`: statements ending in `return`. */
export interface TowerSection {
  kind: "Tower";
  section: TowerSectionName;
  keyword: Span;
  body: Stmt[];
  span: Span;
}

/** `score EXPR` (the expression may use `user` and `item`, the tower outputs). */
export interface ScoreExprSection {
  kind: "ScoreExpr";
  keyword: Span;
  value: Expr;
  span: Span;
}

/** `train { key value ... }`: an open list of settings, validated by the passes that read them. */
export interface TrainSection {
  kind: "Train";
  keyword: Span;
  settings: Setting[];
  span: Span;
}

export interface Setting {
  kind: "Setting";
  key: Ident;
  value: Expr;
  span: Span;
}

// ---- statements -------------------------------------------------------------------------------------------

export type Stmt = AssignStmt | ForStmt | IfStmt | ReturnStmt;

/** `x = e` or `a, b = e` (the value must then evaluate to a tuple of that many values). */
export interface AssignStmt {
  kind: "Assign";
  targets: Ident[];
  value: Expr;
  span: Span;
}

/** `for x in e { }` or `for x, i in e { }` (i is the 0-based index); unrolled at compile time. */
export interface ForStmt {
  kind: "For";
  variable: Ident;
  index?: Ident;
  iterable: Expr;
  body: Stmt[];
  span: Span;
}

/** `if c { } else { }`; `else if` is an else branch holding one IfStmt. */
export interface IfStmt {
  kind: "If";
  cond: Expr;
  then: Stmt[];
  otherwise?: Stmt[];
  span: Span;
}

/** `return e` or `return a, b` (a tuple). */
export interface ReturnStmt {
  kind: "Return";
  values: Expr[];
  span: Span;
}

// ---- expressions ------------------------------------------------------------------------------------------

export type Expr =
  | IntLit
  | FloatLit
  | StrLit
  | BoolLit
  | NameRef
  | ListExpr
  | CallExpr
  | IndexExpr
  | BinaryExpr
  | UnaryExpr
  | ErrorExpr;

export interface IntLit {
  kind: "Int";
  value: number;
  span: Span;
}
export interface FloatLit {
  kind: "Float";
  value: number;
  /** as written, e.g. "1e-4" (the printer keeps it) */
  text: string;
  span: Span;
}
export interface StrLit {
  kind: "Str";
  value: string;
  span: Span;
}
export interface BoolLit {
  kind: "Bool";
  value: boolean;
  span: Span;
}
export interface NameRef {
  kind: "Name";
  name: string;
  span: Span;
}
export interface ListExpr {
  kind: "List";
  items: Expr[];
  span: Span;
}
export interface KwArg {
  kind: "KwArg";
  key: Ident;
  value: Expr;
  span: Span;
}
/** `f(a, b, key = v)`: positional arguments first, then keyword arguments. */
export interface CallExpr {
  kind: "Call";
  callee: Ident;
  args: Expr[];
  kwargs: KwArg[];
  span: Span;
}
export interface IndexExpr {
  kind: "Index";
  target: Expr;
  index: Expr;
  span: Span;
}

export type BinaryOp = "+" | "-" | "*" | "/" | "@" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "and" | "or";
export type UnaryOp = "-" | "not";

export interface BinaryExpr {
  kind: "Binary";
  op: BinaryOp;
  left: Expr;
  right: Expr;
  span: Span;
}
export interface UnaryExpr {
  kind: "Unary";
  op: UnaryOp;
  operand: Expr;
  span: Span;
}
/** Stands in for an expression the parser could not read (a syntax error was reported). */
export interface ErrorExpr {
  kind: "Error";
  span: Span;
}

export type AnyNode =
  | Program
  | Item
  | FeatureDecl
  | FeatureAttr
  | Param
  | Section
  | Setting
  | Stmt
  | Expr
  | KwArg
  | Ident;

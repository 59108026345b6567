// CST -> AST for expressions. Dispatches on the CST rule name, so precedence lives only in the grammar.
import type { CstNode } from "chevrotain";
import { diag } from "../diag/diagnostic.js";
import { joinSpans, type Span } from "../diag/span.js";
import type { BinaryOp, CallExpr, Expr, KwArg, ListExpr } from "./ast.js";
import { after, ident, recordOpener, type BuildContext } from "./build-context.js";
import { childNode, childNodes, childToken, childTokens, nodeSpan, tokenSpan } from "./cst.js";
import { readString } from "./literals.js";

const BINARY_OPS: ReadonlySet<string> = new Set(["+", "-", "*", "/", "@", "==", "!=", "<", "<=", ">", ">=", "and", "or"]);

/** Builds an expression from any expression-level CST node; `fallback` is used when the node is missing. */
export function buildExpr(ctx: BuildContext, node: CstNode | undefined, fallback: Span): Expr {
  if (!node) return { kind: "Error", span: fallback };
  const span = nodeSpan(ctx.file, node) ?? fallback;
  switch (node.name) {
    case "expression":
    case "andExpr":
    case "comparison":
    case "additive":
    case "multiplicative":
      return buildChain(ctx, node, span);
    case "notExpr":
    case "unary":
      return buildPrefix(ctx, node, span);
    case "postfix":
      return buildPostfix(ctx, node, span);
    case "primary":
      return buildPrimary(ctx, node, span);
    case "list":
      return buildList(ctx, node, span);
    case "nameOrCall":
      return buildNameOrCall(ctx, node, span);
    case "parenExpr":
      recordOpener(ctx, childToken(node, "LParen"), "'('", span);
      return buildExpr(ctx, childNode(node, "inner"), after(span));
    default:
      throw new Error(`buildExpr: not an expression rule: ${node.name}`);
  }
}

function buildChain(ctx: BuildContext, node: CstNode, span: Span): Expr {
  const operands = childNodes(node, "operand");
  const ops = childTokens(node, "op");
  let left = buildExpr(ctx, operands[0], span);
  if (node.name === "comparison" && ops.length > 1) {
    ctx.diagnostics.push(diag("RECH1017", tokenSpan(ctx.file, ops[1]!), {}));
  }
  for (let i = 0; i < ops.length; i++) {
    const opToken = ops[i]!;
    const op = opToken.image;
    if (!BINARY_OPS.has(op)) throw new Error(`buildChain: unknown operator ${op}`);
    const right = buildExpr(ctx, operands[i + 1], after(tokenSpan(ctx.file, opToken)));
    left = { kind: "Binary", op: op as BinaryOp, left, right, span: joinSpans(left.span, right.span) };
  }
  return left;
}

function buildPrefix(ctx: BuildContext, node: CstNode, span: Span): Expr {
  const operand = childNode(node, "operand");
  const opToken = childToken(node, "op");
  if (!opToken) return buildExpr(ctx, operand, span);
  const op = opToken.image === "not" ? "not" : "-";
  const inner = buildExpr(ctx, operand, after(tokenSpan(ctx.file, opToken)));
  return { kind: "Unary", op, operand: inner, span: joinSpans(tokenSpan(ctx.file, opToken), inner.span) };
}

function buildPostfix(ctx: BuildContext, node: CstNode, span: Span): Expr {
  let target = buildExpr(ctx, childNode(node, "primary"), span);
  const opens = childTokens(node, "open");
  const indices = childNodes(node, "index");
  const closes = childTokens(node, "close");
  for (let i = 0; i < opens.length; i++) {
    const openSpan = tokenSpan(ctx.file, opens[i]!);
    recordOpener(ctx, opens[i], "index", target.span);
    const index = buildExpr(ctx, indices[i], after(openSpan));
    const close = closes.find((c) => c.startOffset > opens[i]!.startOffset);
    const end = close ? tokenSpan(ctx.file, close) : index.span;
    target = { kind: "Index", target, index, span: joinSpans(target.span, end) };
  }
  return target;
}

function buildPrimary(ctx: BuildContext, node: CstNode, span: Span): Expr {
  const literal = childToken(node, "literal");
  if (literal) {
    const s = tokenSpan(ctx.file, literal);
    switch (literal.tokenType.name) {
      case "IntLit": {
        const value = Number(literal.image);
        if (!Number.isSafeInteger(value)) ctx.diagnostics.push(diag("RECH1004", s, { text: literal.image }));
        return { kind: "Int", value, span: s };
      }
      case "FloatLit": {
        const value = Number(literal.image);
        if (!Number.isFinite(value)) ctx.diagnostics.push(diag("RECH1004", s, { text: literal.image }));
        return { kind: "Float", value, text: literal.image, span: s };
      }
      case "StringLit":
        return { kind: "Str", value: readString(ctx, literal, s), span: s };
      case "True":
        return { kind: "Bool", value: true, span: s };
      case "False":
        return { kind: "Bool", value: false, span: s };
      default:
        throw new Error(`buildPrimary: unexpected literal token ${literal.tokenType.name}`);
    }
  }
  const inner = childNode(node, "list") ?? childNode(node, "nameOrCall") ?? childNode(node, "parenExpr");
  return buildExpr(ctx, inner, span);
}

function buildList(ctx: BuildContext, node: CstNode, span: Span): ListExpr {
  recordOpener(ctx, childToken(node, "LBracket"), "list", span);
  const items = childNodes(node, "item").map((n) => buildExpr(ctx, n, span));
  return { kind: "List", items, span };
}

function buildNameOrCall(ctx: BuildContext, node: CstNode, span: Span): Expr {
  const nameToken = childToken(node, "name");
  const name = ident(ctx, nameToken, span);
  const lparen = childToken(node, "LParen");
  if (!lparen) return { kind: "Name", name: name.name, span: name.span };
  recordOpener(ctx, lparen, `call to '${name.name}'`, name.span);
  const call: CallExpr = { kind: "Call", callee: name, args: [], kwargs: [], span };
  for (const argNode of childNodes(node, "arg")) {
    const argSpan = nodeSpan(ctx.file, argNode) ?? after(span);
    const value = buildExpr(ctx, childNode(argNode, "value"), after(argSpan));
    const key = childToken(argNode, "key");
    if (key) {
      const kw: KwArg = { kind: "KwArg", key: ident(ctx, key, argSpan), value, span: argSpan };
      call.kwargs.push(kw);
      continue;
    }
    const lastKw = call.kwargs[call.kwargs.length - 1];
    if (lastKw) ctx.diagnostics.push(diag("RECH1013", value.span, { name: lastKw.key.name }));
    call.args.push(value);
  }
  return call;
}

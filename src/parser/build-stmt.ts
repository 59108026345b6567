// CST -> AST for statement bodies: `{ statement* }`.
import type { CstNode } from "chevrotain";
import type { Span } from "../diag/span.js";
import type { IfStmt, Stmt } from "./ast.js";
import { after, ident, recordOpener, type BuildContext } from "./build-context.js";
import { buildExpr } from "./build-expr.js";
import { childNode, childNodes, childToken, childTokens, nodeSpan, tokenSpan } from "./cst.js";

/** Builds the statements of a `body` node; `owner` ("block 'mlp'") and `ownerSpan` word a missing '}'. */
export function buildBody(ctx: BuildContext, body: CstNode | undefined, owner: string, ownerSpan: Span): Stmt[] {
  if (!body) return [];
  recordOpener(ctx, childToken(body, "LCurly"), owner, ownerSpan);
  const out: Stmt[] = [];
  for (const st of childNodes(body, "statement")) {
    const stmt = buildStatement(ctx, st);
    if (stmt) out.push(stmt);
  }
  return out;
}

function buildStatement(ctx: BuildContext, node: CstNode): Stmt | undefined {
  const inner =
    childNode(node, "assignStmt") ?? childNode(node, "forStmt") ?? childNode(node, "ifStmt") ?? childNode(node, "returnStmt");
  if (!inner) return undefined;
  const span = nodeSpan(ctx.file, inner);
  if (!span) return undefined;
  switch (inner.name) {
    case "assignStmt": {
      const targets = childTokens(inner, "target").map((t) => ident(ctx, t, span));
      const value = buildExpr(ctx, childNode(inner, "value"), after(span));
      return { kind: "Assign", targets, value, span };
    }
    case "forStmt": {
      const variable = ident(ctx, childToken(inner, "var"), span);
      const indexToken = childToken(inner, "index");
      const iterable = buildExpr(ctx, childNode(inner, "iter"), after(span));
      const body = buildBody(ctx, childNode(inner, "body"), "'for' loop", span);
      return indexToken
        ? { kind: "For", variable, index: ident(ctx, indexToken, span), iterable, body, span }
        : { kind: "For", variable, iterable, body, span };
    }
    case "ifStmt":
      return buildIf(ctx, inner, span);
    case "returnStmt": {
      const keyword = tokenSpan(ctx.file, childToken(inner, "Return")!);
      const values = childNodes(inner, "value").map((v) => buildExpr(ctx, v, after(keyword)));
      if (values.length === 0) values.push({ kind: "Error", span: after(keyword) });
      return { kind: "Return", values, span };
    }
    default:
      throw new Error(`buildStatement: unexpected rule ${inner.name}`);
  }
}

function buildIf(ctx: BuildContext, node: CstNode, span: Span): IfStmt {
  const cond = buildExpr(ctx, childNode(node, "cond"), after(span));
  const then = buildBody(ctx, childNode(node, "then"), "'if'", span);
  const stmt: IfStmt = { kind: "If", cond, then, span };
  const elseIf = childNode(node, "elseIf");
  const elseBody = childNode(node, "else");
  if (elseIf) {
    const elseSpan = nodeSpan(ctx.file, elseIf);
    if (elseSpan) stmt.otherwise = [buildIf(ctx, elseIf, elseSpan)];
  } else if (elseBody) {
    const elseToken = childToken(node, "Else");
    stmt.otherwise = buildBody(ctx, elseBody, "'else'", elseToken ? tokenSpan(ctx.file, elseToken) : span);
  }
  return stmt;
}

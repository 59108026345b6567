// Control-flow checks: blocks and tower sections end in `return`; nothing follows a `return`.
import { diag, type Diagnostic } from "../diag/diagnostic.js";
import type { Program, Stmt } from "./ast.js";

/** True when running `body` always reaches a return: a return, or an if/else returning on both sides. */
export function alwaysReturns(body: readonly Stmt[]): boolean {
  return body.some(
    (s) =>
      s.kind === "Return" ||
      (s.kind === "If" && s.otherwise !== undefined && alwaysReturns(s.then) && alwaysReturns(s.otherwise)),
  );
}

function checkUnreachable(body: readonly Stmt[], out: Diagnostic[]): void {
  let returned = false;
  for (const s of body) {
    if (returned) {
      out.push(diag("RECH2021", s.span, {}));
      break;
    }
    if (s.kind === "For") checkUnreachable(s.body, out);
    if (s.kind === "If") {
      checkUnreachable(s.then, out);
      if (s.otherwise) checkUnreachable(s.otherwise, out);
    }
    returned = s.kind === "Return" || (s.kind === "If" && alwaysReturns([s]));
  }
}

export function checkFlow(ast: Program): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const item of ast.items) {
    if (item.kind === "Block") {
      checkUnreachable(item.body, out);
      if (!alwaysReturns(item.body) && item.name.name !== "") {
        out.push(diag("RECH2008", item.name.span, { owner: `block '${item.name.name}'` }));
      }
    }
    if (item.kind !== "Model") continue;
    for (const s of item.sections) {
      if (s.kind !== "Tower") continue;
      checkUnreachable(s.body, out);
      if (!alwaysReturns(s.body)) {
        out.push(diag("RECH2008", s.keyword, { owner: `section '${s.section}' of model '${item.name.name}'` }));
      }
    }
  }
  return out;
}

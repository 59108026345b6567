// All checks that need only the AST (no evaluation): declarations, features, control flow and names.
// Types and shapes are checked later, by the evaluator on the IR.
import { sortDiagnostics, type Diagnostic } from "../diag/diagnostic.js";
import type { Program } from "./ast.js";
import { checkDeclarations } from "./check-decls.js";
import { checkFeatures } from "./check-features.js";
import { checkFlow } from "./check-flow.js";
import { checkNames } from "./check-names.js";

export { checkDeclarations } from "./check-decls.js";
export { checkFeatures, featureAttrs, sharesTarget } from "./check-features.js";
export { alwaysReturns, checkFlow } from "./check-flow.js";
export { checkNames } from "./check-names.js";

/** Every AST-level check, sorted by position. `builtins`: names provided outside the file (core ops,
 *  prelude blocks, initialisers such as uniform_fanin). */
export function checkProgram(ast: Program, builtins: ReadonlySet<string>): Diagnostic[] {
  return sortDiagnostics([
    ...checkDeclarations(ast),
    ...checkFeatures(ast),
    ...checkFlow(ast),
    ...checkNames(ast, builtins),
  ]);
}

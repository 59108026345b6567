// Public face of the front end: parse .rech text into an AST, check it, print it.
export type * from "./ast.js";
export { parse, parseExpr, type ParseExprResult, type ParseResult } from "./parse.js";
export {
  alwaysReturns,
  checkDeclarations,
  checkFeatures,
  checkFlow,
  checkNames,
  checkProgram,
  featureAttrs,
  sharesTarget,
} from "./check.js";
export { parseAndCheck, type CheckedFile } from "./front-end.js";
export { printAst } from "./print.js";
export { formatProgram, formatExpr } from "./format.js";

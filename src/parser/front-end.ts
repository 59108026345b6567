// One call for the CLI and the evaluator: parse, then, if the file parsed without errors, run the AST
// checks. After syntax errors the checks would mostly report consequences of the damage (a block cut short
// "does not return"), so they wait until the syntax is right; all syntax errors are still reported.
import { hasErrors, sortDiagnostics, type Diagnostic } from "../diag/diagnostic.js";
import type { Program } from "./ast.js";
import { checkProgram } from "./check.js";
import { parse } from "./parse.js";

export interface CheckedFile {
  ast: Program;
  diagnostics: Diagnostic[];
}

export function parseAndCheck(text: string, file: string, builtins: ReadonlySet<string>): CheckedFile {
  const { ast, diagnostics } = parse(text, file);
  if (hasErrors(diagnostics)) return { ast, diagnostics };
  return { ast, diagnostics: sortDiagnostics([...diagnostics, ...checkProgram(ast, builtins)]) };
}

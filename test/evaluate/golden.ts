// Golden diagnostics for programs that parse but fail to evaluate: load with the prelude, evaluate every
// model (both towers and the training graph), render every diagnostic as `rech check` would.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { hasErrors, renderDiagnostics } from "../../src/diag/index.js";
import { checkModels, loadProgram, sourceLookup } from "../../src/passes/model/index.js";

export const BAD_EVAL = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "bad-eval");

export function badEvalFixtures(): string[] {
  return readdirSync(BAD_EVAL).filter((f) => f.endsWith(".rech")).sort();
}

export function readBadEval(name: string): string {
  return readFileSync(join(BAD_EVAL, name), "utf8");
}

export function evalDiagnosticsText(name: string, text: string): string {
  const { program, diagnostics } = loadProgram([{ file: name, text }]);
  const all = hasErrors(diagnostics) || !program ? diagnostics : [...diagnostics, ...checkModels(program)];
  return renderDiagnostics(all, (f) => (f === name ? text : program ? sourceLookup(program)(f) : undefined));
}

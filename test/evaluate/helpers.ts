// Helpers for evaluator tests: load a small .rech program (with the prelude) and fail loudly on diagnostics.
import { renderDiagnostics } from "../../src/diag/index.js";
import { loadProgram, sourceLookup, type Program } from "../../src/passes/model/index.js";

export function programOf(text: string, file = "test.rech"): Program {
  const r = loadProgram([{ file, text }]);
  if (r.diagnostics.length) throw new Error(renderDiagnostics(r.diagnostics, sourceLookup(r.program!)));
  return r.program!;
}

export function rendered(p: Program, ds: Parameters<typeof renderDiagnostics>[0]): string {
  return renderDiagnostics(ds, sourceLookup(p));
}

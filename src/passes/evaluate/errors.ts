// User errors found while evaluating are thrown as EvalError (a diagnostic) and caught by the statement
// runner, which records the diagnostic with the block call chain and carries on with poison values.
import { diag, type Diagnostic, type DiagArgs, type DiagCode } from "../../diag/index.js";
import type { Span } from "../../diag/span.js";

export class EvalError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** Throws the catalogue diagnostic `code` at `span`. */
export function fail<C extends DiagCode>(code: C, span: Span, args: DiagArgs<C>): never {
  throw new EvalError(diag(code, span, args));
}

/** Thrown where a value is poison: its diagnostic was already recorded, so nothing more is reported. */
export class Reported extends Error {
  constructor() {
    super("already reported");
  }
}

// The builtin table: every function .rech code can call that is not a block.
import { COMPILE_BUILTINS } from "./compile.js";
import { INPUT_BUILTINS } from "./inputs.js";
import { OP_BUILTINS } from "./ops.js";
import type { Builtin } from "./types.js";

export type { Builtin, BuiltinParam, CallSite } from "./types.js";

export const BUILTINS: Readonly<Record<string, Builtin>> = { ...INPUT_BUILTINS, ...COMPILE_BUILTINS, ...OP_BUILTINS };

/** Names visible everywhere without being called. */
export const GLOBAL_NAMES: readonly string[] = ["training"];

/** Every name the evaluator provides, for the front end's name check. */
export function builtinNames(): Set<string> {
  return new Set([...Object.keys(BUILTINS), ...GLOBAL_NAMES]);
}

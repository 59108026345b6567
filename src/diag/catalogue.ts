// The diagnostic catalogue: every code the compiler can report, one file per range.
//   RECH1xxx syntax (codes/syntax.ts)      RECH2xxx names and declarations (codes/names.ts)
//   RECH3xxx types (codes/types.ts)        RECH4xxx shapes (codes/shapes.ts)
//   RECH5xxx model settings (codes/models.ts)
// A pass adds its codes by adding entries to the file of its range; `DiagCode` and the typed arguments of
// `diag()` follow automatically, so an unknown code or a missing template argument is a type error.
import type { CatalogueEntry } from "./codes/entry.js";
import { MODEL_CODES } from "./codes/models.js";
import { NAME_CODES } from "./codes/names.js";
import { SHAPE_CODES } from "./codes/shapes.js";
import { SYNTAX_CODES } from "./codes/syntax.js";
import { TYPE_CODES } from "./codes/types.js";

export const CATALOGUE = {
  ...SYNTAX_CODES,
  ...NAME_CODES,
  ...TYPE_CODES,
  ...SHAPE_CODES,
  ...MODEL_CODES,
} as const satisfies Record<string, CatalogueEntry>;

export type DiagCode = keyof typeof CATALOGUE;

/** The hole names of a template: "expected {expected}, found {found}" -> "expected" | "found". */
type Holes<S extends string> = S extends `${string}{${infer H}}${infer Rest}` ? H | Holes<Rest> : never;

/** The arguments `diag(code, span, args)` needs for `code`. */
export type DiagArgs<C extends DiagCode> = Record<Holes<(typeof CATALOGUE)[C]["message"]>, string | number>;

export function isDiagCode(code: string): code is DiagCode {
  return Object.prototype.hasOwnProperty.call(CATALOGUE, code);
}

export type { CatalogueEntry };

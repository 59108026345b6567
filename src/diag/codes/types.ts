// RECH3xxx: type errors, found by the evaluator on compile-time values and the IR.
// Owner: the evaluator/IR passes. Add entries here (keep the numbers increasing; never reuse a number).
import type { CatalogueEntry } from "./entry.js";

export const TYPE_CODES = {
  RECH3001: {
    severity: "error",
    message: "expected {expected}, found {found}",
    summary: "a value of the wrong kind (e.g. a tensor where a compile-time int is needed)",
  },
  RECH3002: {
    severity: "error",
    message: "'{callee}' takes at most {expected} positional arguments, got {found}",
    summary: "a call with too many positional arguments",
  },
  RECH3003: {
    severity: "error",
    message: "'{callee}' has no parameter '{name}'",
    summary: "a keyword argument that the called builtin or block does not declare",
  },
  RECH3004: {
    severity: "error",
    message: "missing argument '{name}' in call to '{callee}'",
    summary: "a required parameter of a block or builtin got no value",
  },
  RECH3005: {
    severity: "error",
    message: "'for' needs a compile-time list, found {found}",
    summary: "a for loop over something that is not a list or range known at compile time",
  },
  RECH3006: {
    severity: "error",
    message: "'if' needs a compile-time bool, found {found}",
    summary: "an if whose condition is not a true/false known at compile time",
  },
  RECH3007: {
    severity: "error",
    message: "unknown feature '{name}' in features '{set}'",
    summary: "a feature builtin names no feature of the model's features set",
  },
  RECH3008: {
    severity: "error",
    message: "block calls nested more than {limit} deep (is '{name}' recursive?)",
    summary: "the evaluator stopped runaway recursion",
  },
  RECH3009: {
    severity: "error",
    message: "operator '{op}' cannot combine {left} and {right}",
    summary: "an operator applied to values it does not accept",
  },
  RECH3010: {
    severity: "error",
    message: "index {index} is out of range for a list of length {length}",
    summary: "a list index outside the list",
  },
  RECH3011: {
    severity: "error",
    message: "{message}",
    summary: "an error raised by fail() in a block",
  },
  RECH3012: {
    severity: "error",
    message: "the left of '=' names {expected} variables, the right side gives {found}",
    summary: "a destructuring assignment whose value has another number of parts",
  },
  RECH3013: {
    severity: "error",
    message: "'{attr}' of feature '{feature}' must be {expected}, found {found}",
    summary: "a feature attribute with a value of the wrong kind",
  },
  RECH3014: {
    severity: "error",
    message: "division by zero",
    summary: "a compile-time division by zero",
  },
  RECH3015: {
    severity: "error",
    message: "argument '{name}' of '{callee}' is given twice",
    summary: "a parameter bound both by position and by keyword",
  },
  RECH3016: {
    severity: "error",
    message: "'{name}' is a {kind} here and cannot be used as a value",
    summary: "a block name or other non-value used as a value",
  },
} as const satisfies Record<`RECH3${string}`, CatalogueEntry>;

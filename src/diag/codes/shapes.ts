// RECH4xxx: shape errors, found by shape inference on the IR.
// Owner: the IR/shape passes. Add entries here (keep the numbers increasing; never reuse a number).
import type { CatalogueEntry } from "./entry.js";

export const SHAPE_CODES = {
  RECH4001: {
    severity: "error",
    message: "shape mismatch in {op}: {detail}",
    summary: "operand shapes that an op does not accept",
  },
  RECH4002: {
    severity: "error",
    message: "parameter '{name}' was created with shape {first}, here with shape {second}",
    summary: "two creations of one (scoped) parameter name with different shapes; pass name= to separate them",
  },
  RECH4003: {
    severity: "error",
    message: "the {section} tower must return {expected}, found {found}",
    summary: "a tower output of the wrong rank or type",
  },
  RECH4004: {
    severity: "error",
    message: "user vectors have width {user} but item vectors have width {item}",
    summary: "user and item tower outputs cannot be scored against each other",
  },
  RECH4005: {
    severity: "error",
    message: "{what} must be a static size, found {found}",
    summary: "a size that must be known at compile time is symbolic",
  },
} as const satisfies Record<`RECH4${string}`, CatalogueEntry>;

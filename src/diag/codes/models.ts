// RECH5xxx: model-level settings (train settings, --set overrides, tower outputs), found when a model is
// lowered. Owner: the passes that read train settings. Add entries here; never reuse a number.
import type { CatalogueEntry } from "./entry.js";

export const MODEL_CODES = {
  RECH5001: {
    severity: "error",
    message: "invalid train setting '{name}': {detail}",
    summary: "a train setting with an unknown key or a value it does not accept",
  },
  RECH5002: {
    severity: "error",
    message: "model '{model}' has no parameter '{name}'",
    summary: "an override (--set) of a parameter that the model header does not declare",
  },
  RECH5003: {
    severity: "error",
    message: "parameter '{name}' of model '{model}' is {expected}; the override gives {found}",
    summary: "an override (--set) whose value has another type than the parameter's default",
  },
  RECH5004: {
    severity: "error",
    message: "unknown model '{name}'",
    summary: "a model name that no loaded file defines",
  },
  RECH5005: {
    severity: "error",
    message: "item feature '{feature}' has no negatives column '{column}' in features '{set}'",
    summary: "sampled negatives need a neg_<feature> sequence for every feature the item tower reads",
  },
  RECH5006: {
    severity: "error",
    message: "negative columns have different lengths: {detail}",
    summary: "the neg_<feature> sequences must all have the same length N",
  },
  RECH5007: {
    severity: "error",
    message: "model '{model}' needs a features set: add 'features = NAME' to its header",
    summary: "a model header without the features parameter",
  },
} as const satisfies Record<`RECH5${string}`, CatalogueEntry>;

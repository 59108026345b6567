// RECH2xxx: names and declarations, checkable on the AST alone (owner: front end).
import type { CatalogueEntry } from "./entry.js";

export const NAME_CODES = {
  RECH2001: {
    severity: "error",
    message: "duplicate definition of '{name}'",
    summary: "two top-level definitions (features, block, model) with the same name",
  },
  RECH2002: {
    severity: "error",
    message: "duplicate feature '{name}' in features '{set}'",
    summary: "two features with the same name in one features set",
  },
  RECH2003: {
    severity: "error",
    message: "unknown name '{name}'",
    summary: "a name that is not a local variable, parameter, feature, block or builtin",
  },
  RECH2004: {
    severity: "error",
    message: "unknown function '{name}'",
    summary: "a call to something that is not a block, a builtin or a local name",
  },
  RECH2005: {
    severity: "error",
    message: "duplicate parameter '{name}'",
    summary: "two parameters of one block or model with the same name",
  },
  RECH2006: {
    severity: "error",
    message: "unknown features set '{name}'",
    summary: "the `features` parameter of a model names no features set of the file",
  },
  RECH2007: {
    severity: "error",
    message: "'shares' names unknown feature '{name}' in features '{set}'",
    summary: "a feature shares the table of a feature that its set does not declare",
  },
  RECH2008: {
    severity: "error",
    message: "{owner} must end with 'return'",
    summary: "a block or tower section whose last statement is not a return (nor an if/else returning in both branches)",
  },
  RECH2009: {
    severity: "error",
    message: "duplicate section '{name}' in model '{model}'",
    summary: "a model section appears twice",
  },
  RECH2010: {
    severity: "error",
    message: "model '{model}' has no '{name}' section",
    summary: "a model lacks its user or item tower",
  },
  RECH2011: {
    severity: "error",
    message: "unknown attribute '{name}' for a {kind} feature (expected one of {expected})",
    summary: "a feature attribute that its kind does not accept",
  },
  RECH2012: {
    severity: "error",
    message: "duplicate attribute '{name}' of feature '{feature}'",
    summary: "an attribute given twice in one feature declaration",
  },
  RECH2013: {
    severity: "error",
    message: "{kind} feature '{feature}' needs '{name}'",
    summary: "a required feature attribute is missing",
  },
  RECH2014: {
    severity: "error",
    message: "{kind} feature '{feature}' needs exactly one of 'vocab' and 'shares'",
    summary: "a sparse or sequence feature must own a table (vocab) or share one, exactly one of the two",
  },
  RECH2015: {
    severity: "error",
    message: "'{name}' must be a name here",
    summary: "an attribute or parameter that must name something (shares, features) holds another expression",
  },
  RECH2016: {
    severity: "error",
    message: "duplicate keyword argument '{name}'",
    summary: "a keyword argument given twice in one call",
  },
  RECH2017: {
    severity: "error",
    message: "block '{block}' has no parameter '{name}'",
    summary: "a keyword argument that the called block (defined in the same file) does not declare",
  },
  RECH2018: {
    severity: "error",
    message: "feature '{feature}' cannot share '{name}': {reason}",
    summary: "the shares target is a dense feature or itself shares another table",
  },
  RECH2019: {
    severity: "error",
    message: "'{name}' has no effect on feature '{feature}', which shares the table of '{target}'",
    summary: "vocab or init given on a feature that reads another feature's table",
  },
  RECH2020: {
    severity: "error",
    message: "duplicate train setting '{name}'",
    summary: "a train setting given twice",
  },
  RECH2021: {
    severity: "error",
    message: "statement after 'return' is never run",
    summary: "statements follow a return in the same list",
  },
  RECH2022: {
    severity: "error",
    message: "loop variable and index are both named '{name}'",
    summary: "for x, x in ...",
  },
  RECH2023: {
    severity: "error",
    message: "duplicate name '{name}' on the left of '='",
    summary: "a destructuring assignment names the same variable twice",
  },
  RECH2024: {
    severity: "error",
    message: "'{name}' is a feature of '{set}' and cannot be assigned",
    summary: "a tower assigns to a name that is one of its model's features",
  },
} as const satisfies Record<`RECH2${string}`, CatalogueEntry>;

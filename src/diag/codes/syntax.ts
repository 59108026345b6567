// RECH1xxx: lexical and syntax errors (owner: front end).
import type { CatalogueEntry } from "./entry.js";

export const SYNTAX_CODES = {
  RECH1001: {
    severity: "error",
    message: "unexpected {text}",
    summary: "a character that starts no token (the lexer skips it)",
  },
  RECH1002: {
    severity: "error",
    message: "unterminated string: missing closing '\"' before the end of the line",
    summary: "a string literal runs to the end of its line without a closing quote",
  },
  RECH1003: {
    severity: "error",
    message: "unknown escape sequence '{text}' in string (use \\\\, \\\", \\n or \\t)",
    summary: "a backslash in a string followed by a character other than \\ \" n t",
  },
  RECH1004: {
    severity: "error",
    message: "number {text} is too large",
    summary: "an integer literal above 2^53 - 1 or a float literal that overflows",
  },
  RECH1010: {
    severity: "error",
    message: "expected {expected}, found {found}",
    summary: "the parser met a token that cannot continue the construct",
  },
  RECH1011: {
    severity: "error",
    message: "expected '{close}' to close {owner} opened at {pos}, found {found}",
    summary: "a '}', ')' or ']' is missing",
  },
  RECH1012: {
    severity: "error",
    message: "expected {expected} at the top level, found {found}",
    summary: "something other than a definition at the top level of a file",
  },
  RECH1013: {
    severity: "error",
    message: "positional argument after keyword argument '{name}'",
    summary: "in a call, positional arguments must come before keyword arguments",
  },
  RECH1014: {
    severity: "error",
    message: "missing value after '{key}' (a value starts on the same line as its key)",
    summary: "a feature attribute or train setting whose value is on a later line",
  },
  RECH1015: {
    severity: "error",
    message: "expected a feature kind ({expected}), found {found}",
    summary: "a line in a features set that does not start a feature declaration",
  },
  RECH1016: {
    severity: "error",
    message: "unknown section '{name}' (a model has sections {expected})",
    summary: "a model section with a misspelt or invented name",
  },
  RECH1017: {
    severity: "error",
    message: "comparisons do not chain: write 'a < b and b < c'",
    summary: "a comparison used as the operand of another comparison without parentheses",
  },
  RECH1018: {
    severity: "error",
    message: "'{name}' is a reserved word and cannot be used as a name",
    summary: "a hard keyword (block, model, for, in, if, else, return, true, false, and, or, not) where a name is expected",
  },
  RECH1019: {
    severity: "error",
    message: "brackets nested more than {limit} deep",
    summary: "'(', '[' and '{' nested deeper than the parser allows (the file is not parsed further)",
  },
} as const satisfies Record<`RECH1${string}`, CatalogueEntry>;

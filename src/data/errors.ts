// User-facing data errors. The CLI prints `.message` only, so every message must stand on its own:
// it names the file, line and column, or the feature and value, that the user has to fix.

export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataError";
  }
}

/** `FILE:LINE:COL: expected <what>, found "<value>"` (LINE and COL are 1-based). */
export function badValue(file: string, line: number, col: number, expected: string, found: string): DataError {
  return new DataError(`${file}:${line}:${col}: expected ${expected}, found ${quote(found)}`);
}

/** A row that ends before a required field: `FILE:LINE:COL: expected <what>, found end of line`. */
export function missingField(file: string, line: number, col: number, expected: string): DataError {
  return new DataError(`${file}:${line}:${col}: expected ${expected}, found end of line`);
}

/** Quotes a raw value for a message; long values are shortened and control characters escaped. */
export function quote(value: string): string {
  const short = value.length > 60 ? value.slice(0, 57) + "..." : value;
  return JSON.stringify(short);
}

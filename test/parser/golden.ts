// Shared helpers for the parser golden tests: run the front end on a fixture and render its diagnostics.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderDiagnostics, singleSource } from "../../src/diag/index.js";
import { parseAndCheck } from "../../src/parser/index.js";
import { TEST_BUILTINS } from "./builtins.js";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
export const BAD = join(FIXTURES, "bad");
export const GOOD = join(FIXTURES, "good");

export function badFixtures(): string[] {
  return readdirSync(BAD)
    .filter((f) => f.endsWith(".rech"))
    .sort();
}

export function readFixture(dir: string, name: string): string {
  return readFileSync(join(dir, name), "utf8");
}

/** The text `rech check` prints for a file: every diagnostic, rendered. */
export function renderedDiagnostics(name: string, text: string): string {
  const { diagnostics } = parseAndCheck(text, name, TEST_BUILTINS);
  return renderDiagnostics(diagnostics, singleSource(name, text));
}

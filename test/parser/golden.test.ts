// Every bad fixture's rendered diagnostics must equal its .expected.txt exactly.
// Refresh after an intended change with:  UPDATE_GOLDEN=1 npx vitest run test/parser/golden.test.ts
// and review the diff.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BAD, badFixtures, readFixture, renderedDiagnostics } from "./golden.js";

const update = process.env.UPDATE_GOLDEN === "1";

describe("bad .rech fixtures: golden diagnostics", () => {
  const files = badFixtures();

  it("has at least 30 fixtures, each with an expected file", () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    for (const f of files) {
      if (!update) expect(existsSync(join(BAD, f.replace(/\.rech$/, ".expected.txt"))), f).toBe(true);
    }
  });

  for (const f of files) {
    it(f, () => {
      const actual = renderedDiagnostics(f, readFixture(BAD, f));
      const expectedPath = join(BAD, f.replace(/\.rech$/, ".expected.txt"));
      if (update) writeFileSync(expectedPath, actual);
      expect(actual.length, "a bad fixture must produce diagnostics").toBeGreaterThan(0);
      expect(actual).toBe(readFixture(BAD, f.replace(/\.rech$/, ".expected.txt")));
    });
  }
});

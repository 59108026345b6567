// No user input makes the front end throw: the bad fixtures, every line-prefix of the good sample, the
// sample with any one line removed, and a few hostile inputs.
import { describe, expect, it } from "vitest";
import { checkProgram, parseAndCheck, parse, parseExpr } from "../../src/parser/index.js";
import { MAX_NESTING } from "../../src/parser/parse.js";
import { BAD, GOOD, badFixtures, readFixture } from "./golden.js";
import { TEST_BUILTINS } from "./builtins.js";

const run = (text: string) => parseAndCheck(text, "x.rech", TEST_BUILTINS);

describe("parser robustness", () => {
  it("never throws on the bad fixtures", () => {
    for (const f of badFixtures()) expect(() => run(readFixture(BAD, f)), f).not.toThrow();
  });

  it("runs the AST checks on damaged trees without throwing", () => {
    for (const f of badFixtures()) {
      const { ast } = parse(readFixture(BAD, f), f);
      expect(() => checkProgram(ast, TEST_BUILTINS), f).not.toThrow();
    }
  });

  it("never throws on a truncated or line-deleted sample, and reports something when broken", () => {
    const lines = readFixture(GOOD, "sample.rech").split("\n");
    let broken = 0;
    for (let i = 0; i < lines.length; i++) {
      const prefix = lines.slice(0, i).join("\n");
      const withoutLine = [...lines.slice(0, i), ...lines.slice(i + 1)].join("\n");
      expect(() => run(prefix), `prefix of ${i} lines`).not.toThrow();
      const r = run(withoutLine);
      if (r.diagnostics.length > 0) broken++;
    }
    // removing a line holding a brace or a return must be noticed
    expect(broken).toBeGreaterThan(20);
  });

  it("survives hostile inputs", () => {
    const inputs = [
      "",
      "   \n\n# only a comment",
      "{{{{{{{{{{",
      "}}}}}}}}",
      "block",
      "block f(",
      "model M() { user { return } }",
      '"',
      "\u0000\u0001\u0002",
      "features f { sparse }",
      "block f(x) { return ((((((((((x)))))))))) }",
      "block f(x) { return " + "[".repeat(200) + " }",
      "block f(x) { x = 1 x = 2 return x",
      "model M(features = f) { train { } score { } }",
      "a".repeat(10_000),
    ];
    for (const text of inputs) {
      expect(() => run(text), JSON.stringify(text.slice(0, 40))).not.toThrow();
      expect(() => parseExpr(text, "--set")).not.toThrow();
    }
  });

  it("refuses nesting deeper than the limit with a diagnostic, and accepts it up to the limit", () => {
    const deep = run(`block f(x) { return ${"[".repeat(MAX_NESTING + 5)} }`);
    expect(deep.diagnostics.map((d) => d.code)).toEqual(["RECH1019"]);
    expect(deep.diagnostics[0]!.span.col).toBe(21 + MAX_NESTING - 1);
    const inner = MAX_NESTING - 1; // the block body's '{' is one level
    const ok = run(`block f(x) { return ${"[".repeat(inner)}x${"]".repeat(inner)} }`);
    expect(ok.diagnostics).toEqual([]);
    for (const open of ["[", "(", "f(", "if x {"]) {
      expect(() => run(`block f(x) { return ${open.repeat(inner)} }`)).not.toThrow();
    }
  });

  it("parses an empty file to an empty program without diagnostics", () => {
    const r = parse("", "empty.rech");
    expect(r.ast.items).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });
});

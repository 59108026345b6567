// The AST printer and the source formatter: a golden dump of a small file, and round trips of the sample.
import { describe, expect, it } from "vitest";
import { formatProgram, parse, parseAndCheck, printAst } from "../../src/parser/index.js";
import { TEST_BUILTINS } from "./builtins.js";
import { GOOD, readFixture } from "./golden.js";

describe("AST printer", () => {
  it("dumps the AST of a small file (golden: fixtures/good/small.ast.txt)", async () => {
    const { ast, diagnostics } = parse(readFixture(GOOD, "small.rech"), "small.rech");
    expect(diagnostics).toEqual([]);
    await expect(printAst(ast)).toMatchFileSnapshot("../fixtures/good/small.ast.txt");
  });

  it("is stable: two parses print the same text", () => {
    const text = readFixture(GOOD, "sample.rech");
    expect(printAst(parse(text, "s.rech").ast)).toBe(printAst(parse(text, "s.rech").ast));
  });
});

describe("formatter round trip", () => {
  const sample = readFixture(GOOD, "sample.rech");

  it("the sample parses and checks cleanly", () => {
    expect(parseAndCheck(sample, "sample.rech", TEST_BUILTINS).diagnostics).toEqual([]);
  });

  it("format -> parse gives the same tree (spans aside)", () => {
    const first = parse(sample, "sample.rech").ast;
    const formatted = formatProgram(first);
    const second = parse(formatted, "sample.rech");
    expect(second.diagnostics).toEqual([]);
    expect(printAst(second.ast, { spans: false })).toBe(printAst(first, { spans: false }));
  });

  it("formatting is idempotent", () => {
    const once = formatProgram(parse(sample, "sample.rech").ast);
    expect(formatProgram(parse(once, "sample.rech").ast)).toBe(once);
  });

  it("keeps parentheses that precedence needs and drops the others", () => {
    const text = "block f(a, b, c) { return (a + b) * c, a + (b * c), -(a @ b), (a - b) - c, a - (b - c), not (a and b), (a < b) == c }";
    const out = formatProgram(parse(text, "p.rech").ast);
    expect(out).toContain("return (a + b) * c, a + b * c, -(a @ b), a - b - c, a - (b - c), not (a and b), (a < b) == c");
  });
});

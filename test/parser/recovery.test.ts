// The parser recovers: several errors per file, each at its own place, and what follows an error parses.
import { describe, expect, it } from "vitest";
import { parse, parseAndCheck } from "../../src/parser/index.js";
import { BAD, readFixture } from "./golden.js";
import { TEST_BUILTINS } from "./builtins.js";

describe("error recovery", () => {
  it("reports every syntax error of a file with several", () => {
    const { diagnostics } = parse(readFixture(BAD, "syn-several-errors.rech"), "s.rech");
    expect(diagnostics.map((d) => `${d.code}@${d.span.line}`)).toEqual([
      "RECH1010@4",
      "RECH1010@7",
      "RECH1011@10",
      "RECH1016@14",
    ]);
  });

  it("keeps parsing items after a broken one", () => {
    const text = [
      "block a(x) {",
      "  y = (x +",
      "  return y",
      "}",
      "block b(x) { return x }",
      "model M() { user { return 1 } item { return 2 } }",
    ].join("\n");
    const { ast, diagnostics } = parse(text, "r.rech");
    expect(diagnostics).toHaveLength(1);
    expect(ast.items.map((i) => `${i.kind}:${i.name.name}`)).toEqual(["Block:a", "Block:b", "Model:M"]);
  });

  it("resumes after stray input at the top level", () => {
    const text = "x = 3\n}\nblock f(x) { return x }\n) ]\nblock g(x) { return x }\n";
    const { ast, diagnostics } = parse(text, "r.rech");
    expect(diagnostics.map((d) => `${d.code}@${d.span.line}:${d.span.col}`)).toEqual([
      "RECH1012@1:1",
      "RECH1012@4:1",
    ]);
    expect(ast.items.map((i) => i.name.name)).toEqual(["f", "g"]);
  });

  it("reports each broken statement, section and feature once", () => {
    const text = [
      "block a(x) {",
      "  x = 1 )",
      "  z = = 3",
      "  return x",
      "}",
      "features f {",
      "  sparse u vocab 10 dim 4 )",
      "  sparse w vocab 10 dim ]",
      "}",
      "model M(features = f) {",
      "  user { return embed(u) }",
      "  ]",
      "  item { return embed(u) }",
      "  train { mode = listwise",
      "    negatives in_batch }",
      "}",
    ].join("\n");
    const { diagnostics } = parse(text, "r.rech");
    expect(diagnostics.map((d) => d.span.line)).toEqual([2, 3, 7, 8, 12, 14]);
  });

  it("names the construct a missing brace should close", () => {
    const { diagnostics } = parse(readFixture(BAD, "syn-unclosed-block.rech"), "u.rech");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toBe("expected '}' to close block 'mlp' opened at 2:1, found 'model'");
  });

  it("waits with the AST checks until the syntax is right", () => {
    const text = "block f(x) {\n  y = = 1\n}\n";
    const { diagnostics } = parseAndCheck(text, "w.rech", TEST_BUILTINS);
    expect(diagnostics.map((d) => d.code)).toEqual(["RECH1010"]);
  });

  it("reports lexer errors and keeps the tokens around them", () => {
    const { ast, diagnostics } = parse('block f(x) { y = x ` 2\n  s = "open\n  return y }', "l.rech");
    expect(diagnostics.map((d) => d.code)).toEqual(["RECH1001", "RECH1002"]);
    expect(ast.items).toHaveLength(1);
  });
});

// Expressions: precedence and associativity, literals, calls, indexing; parseExpr for --set values.
import { describe, expect, it } from "vitest";
import type { Expr } from "../../src/parser/index.js";
import { parseExpr } from "../../src/parser/index.js";

/** Fully parenthesised form, to read the tree shape. */
function shape(e: Expr): string {
  switch (e.kind) {
    case "Int":
    case "Bool":
      return String(e.value);
    case "Float":
      return `${e.value}f`;
    case "Str":
      return JSON.stringify(e.value);
    case "Name":
      return e.name;
    case "Error":
      return "<error>";
    case "List":
      return `[${e.items.map(shape).join(" ")}]`;
    case "Index":
      return `${shape(e.target)}[${shape(e.index)}]`;
    case "Call":
      return `${e.callee.name}(${[...e.args.map(shape), ...e.kwargs.map((k) => `${k.key.name}=${shape(k.value)}`)].join(" ")})`;
    case "Unary":
      return `(${e.op} ${shape(e.operand)})`;
    case "Binary":
      return `(${shape(e.left)} ${e.op} ${shape(e.right)})`;
  }
}

function read(text: string): string {
  const { expr, diagnostics } = parseExpr(text, "e");
  expect(diagnostics.map((d) => d.message)).toEqual([]);
  return shape(expr);
}

describe("expressions", () => {
  it.each([
    ["1 + 2 * 3", "(1 + (2 * 3))"],
    ["1 - 2 - 3", "((1 - 2) - 3)"],
    ["a @ b * c", "((a @ b) * c)"],
    ["a / b @ c", "((a / b) @ c)"],
    ["-a @ b", "((- a) @ b)"],
    ["- -a", "(- (- a))"],
    ["-x[0]", "(- x[0])"],
    ["x[0][1]", "x[0][1]"],
    ["a + b == c * d", "((a + b) == (c * d))"],
    ["a < b and c >= d or e != f", "(((a < b) and (c >= d)) or (e != f))"],
    ["not a == b", "(not (a == b))"],
    ["not a and b", "((not a) and b)"],
    ["a or b and c", "(a or (b and c))"],
    ["(a + b) * c", "((a + b) * c)"],
    ["f(a, b, key = c + 1)", "f(a b key=(c + 1))"],
    ["f()", "f()"],
    ["f(a,)", "f(a)"],
    ["[1, [2, 3],]", "[1 [2 3]]"],
    ["[]", "[]"],
    ["range(0, dim(x, -1))[i + 1]", "range(0 dim(x (- 1)))[(i + 1)]"],
  ])("%s", (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  it("reads literals", () => {
    expect(read("42")).toBe("42");
    expect(read("0.5")).toBe("0.5f");
    expect(read("1e-4")).toBe("0.0001f");
    expect(read("2.5E+3")).toBe("2500f");
    expect(read("true")).toBe("true");
    expect(read('"a\\"b\\\\c\\n\\t"')).toBe(JSON.stringify('a"b\\c\n\t'));
  });

  it("keeps a float's text as written and marks ints apart", () => {
    const { expr } = parseExpr("1.0e0", "e");
    expect(expr).toMatchObject({ kind: "Float", value: 1, text: "1.0e0" });
    expect(parseExpr("1", "e").expr.kind).toBe("Int");
  });

  it("gives spans to every node", () => {
    const { expr } = parseExpr("a + f(b)[2]", "e");
    expect(expr.span).toMatchObject({ line: 1, col: 1, offset: 0, length: 11 });
    if (expr.kind !== "Binary") throw new Error("not binary");
    expect(expr.right.span).toMatchObject({ col: 5, length: 7 });
  });

  it("reports trailing input in a --set value", () => {
    const { diagnostics } = parseExpr("[64, 32] 7", "--set dims");
    expect(diagnostics.map((d) => [d.code, d.span.col])).toEqual([["RECH1010", 10]]);
  });

  it("reports a syntax error in a --set value", () => {
    const { diagnostics } = parseExpr("[64, ", "--set dims");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toBe("expected ']' to close list opened at 1:1, found end of file");
  });
});

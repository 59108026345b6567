// AST-level checks in isolation: scopes, builtins, feature helpers, control flow, suggestions.
import { describe, expect, it } from "vitest";
import {
  alwaysReturns,
  checkNames,
  checkProgram,
  featureAttrs,
  parse,
  sharesTarget,
  type BlockDecl,
  type FeaturesDecl,
} from "../../src/parser/index.js";
import { closestName, editDistance } from "../../src/parser/suggest.js";

const codes = (text: string, builtins: string[] = []) => {
  const { ast, diagnostics } = parse(text, "c.rech");
  expect(diagnostics).toEqual([]);
  return checkProgram(ast, new Set(builtins)).map((d) => `${d.code}:${d.message}`);
};

describe("name checks", () => {
  it("takes builtins from the caller", () => {
    const text = "block f(x) { return relu(x) + eps }";
    expect(codes(text)).toEqual(["RECH2004:unknown function 'relu'", "RECH2003:unknown name 'eps'"]);
    expect(codes(text, ["relu", "eps"])).toEqual([]);
  });

  it("keeps functions and values apart: a parameter does not hide a builtin callee", () => {
    expect(codes("block f(x, dropout = 0.1) { return dropout(x, dropout) }", ["dropout"])).toEqual([]);
    expect(codes("block f(x, act) { return act(x) }")).toEqual(["RECH2004:unknown function 'act'"]);
  });

  it("sees blocks of the file from anywhere, in any order", () => {
    expect(codes("block a(x) { return b(x) }\nblock b(x) { return x }")).toEqual([]);
  });

  it("makes a variable visible from its assignment on, loops and branches included", () => {
    const text = "block f(x, c) { if c { y = x } else { y = -x }\n for h in [1] { z = h }\n return y + z + h }";
    expect(codes(text)).toEqual([]);
    expect(codes("block f(x) { y = y + x\n return y }")).toEqual(["RECH2003:unknown name 'y'"]);
  });

  it("lets parameter defaults use earlier parameters only", () => {
    expect(codes("block f(a, b = a * 2) { return b }")).toEqual([]);
    expect(codes("block f(b = a * 2, a = 1) { return b }")).toEqual(["RECH2003:unknown name 'a'"]);
  });

  it("gives towers the model's parameters and features, and score the tower outputs", () => {
    const text = [
      "features f { sparse u vocab n dim 4 }",
      "model M(features = f, n = 10) {",
      "  user { return embed(u) * n }",
      "  item { return embed(u) }",
      "  score sum(user * item)",
      "}",
    ].join("\n");
    expect(codes(text, ["embed", "sum"])).toEqual([]);
    const noUser = text.replace("score sum(user * item)", "score { return user }").replace("item { return embed(u) }", "item { return user }");
    expect(codes(noUser, ["embed", "sum"])).toEqual(["RECH2003:unknown name 'user'"]);
  });

  it("does not report tower names when the features set is unknown", () => {
    const text = "model M(features = nope) { user { return embed(u) } item { return embed(u) } }";
    expect(codes(text, ["embed"])).toEqual(["RECH2006:unknown features set 'nope'"]);
  });

  it("checks keyword arguments of blocks of the file but not of builtins", () => {
    const text = "block g(x, k = 1) { return x }\nblock f(x) { return g(x, k = 2) + g(x, q = 1) + param(x, anything = 1) }";
    expect(codes(text, ["param"])).toEqual(["RECH2017:block 'g' has no parameter 'q'"]);
  });

  it("checkNames alone reports only names", () => {
    const { ast } = parse("block f(x, x) { y = q }", "c.rech");
    expect(checkNames(ast, new Set()).map((d) => d.code)).toEqual(["RECH2003"]);
  });
});

describe("feature helpers", () => {
  const { ast } = parse(
    "features f { sparse a vocab 3 dim 4 dim 5 bogus 1\n sequence h shares a len 2\n dense d width 1 }",
    "f.rech",
  );
  const set = ast.items[0] as FeaturesDecl;

  it("featureAttrs keeps the first valid occurrence of each attribute", () => {
    const attrs = featureAttrs(set.features[0]!);
    expect(Object.keys(attrs)).toEqual(["vocab", "dim"]);
    expect(attrs.dim?.value).toMatchObject({ kind: "Int", value: 4 });
  });

  it("sharesTarget names the shared feature", () => {
    expect(set.features.map(sharesTarget)).toEqual([undefined, "a", undefined]);
  });
});

describe("control flow", () => {
  const body = (text: string) => (parse(`block f(c) { ${text} }`, "b.rech").ast.items[0] as BlockDecl).body;

  it.each([
    ["return 1", true],
    ["x = 1", false],
    ["if c { return 1 }", false],
    ["if c { return 1 } else { return 2 }", true],
    ["if c { return 1 } else if c { return 2 }", false],
    ["if c { return 1 } else if c { return 2 } else { return 3 }", true],
    ["for i in [1] { return i }", false],
  ])("%s -> %s", (text, expected) => {
    expect(alwaysReturns(body(text))).toBe(expected);
  });
});

describe("suggestions", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("widht", "width")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("suggests only close names, and none for very short ones", () => {
    expect(closestName("softmaxx", ["softmax", "sigmoid"])).toBe("softmax");
    expect(closestName("zzz", ["softmax"])).toBeUndefined();
    expect(closestName("h", ["f", "g"])).toBeUndefined();
  });
});

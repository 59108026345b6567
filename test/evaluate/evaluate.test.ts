// The evaluator: compile-time folding, overrides, parameter scoping and reuse, origins, determinism, the
// sparse-table list, model info.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { printGraph } from "../../src/ir/print.js";
import { buildTower, buildTrainForward, countParams, listModels, modelInfo } from "../../src/passes/model/index.js";
import { modelsProgram } from "../models/helpers.js";
import { programOf, rendered } from "./helpers.js";

const SMALL = `
features f {
  sparse user_id vocab users dim d
  sparse item_id vocab items dim d pad 0
  sequence hist shares item_id len n
  sequence neg_item_id shares item_id len 2
}

block tag(i) {
  return "layer" + i + "_" + (i * 2 + 1) + str(true)
}

model Small(features = f, users = 10, items = 20, d = 4, n = 3, dims = [8] + [4], width = dims[-1],
            label = tag(2), scale = 1 / 2, flag = not (d > 2 and false)) {
  user {
    x = concat([embed(user_id), mean_pool(embed(hist), mask(hist))], -1)
    for h, i in dims {
      x = linear(x, h, name = "l" + i)
    }
    return x
  }
  item {
    return linear(embed(item_id), width, name = "proj")
  }
  train {
    mode listwise
    negatives sampled
  }
}
`;

describe("model headers and overrides", () => {
  it("folds compile-time defaults in order, later defaults seeing earlier ones", () => {
    const p = programOf(SMALL);
    const r = modelInfo(p, "Small");
    expect(rendered(p, r.diagnostics)).toBe("");
    expect(r.info!.params).toEqual({
      features: "f", users: 10, items: 20, d: 4, n: 3, dims: [8, 4], width: 4, label: "layer2_5true", scale: 0.5, flag: true,
    });
  });

  it("applies overrides before later defaults", () => {
    const p = programOf(SMALL);
    const r = modelInfo(p, "Small", { dims: [16, 6], d: 2 });
    expect(rendered(p, r.diagnostics)).toBe("");
    expect(r.info!.params.width).toBe(6);
    expect(r.info!.embedDim).toBe(6);
    const g = buildTower(p, "Small", "user", { dims: [16, 6], d: 2 }).graph!;
    expect(g.type(g.input("user/l0/w")!.value).shape).toEqual([4, 16]);
  });

  it("reports an unknown parameter and a value of the wrong type", () => {
    const p = programOf(SMALL);
    const r = buildTower(p, "Small", "user", { depth: 3, dims: "wide", d: 2 });
    expect(r.graph).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      "RECH5002 model 'Small' has no parameter 'depth'",
      "RECH5003 parameter 'dims' of model 'Small' is a list; the override gives a string",
    ]);
  });

  it("reports an unknown model", () => {
    const p = programOf(SMALL);
    expect(buildTrainForward(p, "Big").diagnostics.map((d) => d.code)).toEqual(["RECH5004"]);
  });
});

describe("graphs", () => {
  it("names parameters by the call path and reuses them across item-tower calls", () => {
    const p = programOf(SMALL);
    const t = buildTrainForward(p, "Small");
    expect(rendered(p, t.diagnostics)).toBe("");
    const params = t.graph!.inputs.filter((i) => i.kind === "param").map((i) => i.name);
    expect(params).toEqual(["emb.user_id", "emb.item_id", "user/l0/w", "user/l0/b", "user/l1/w",
      "user/l1/b", "item/proj/w", "item/proj/b"]);
    const data = t.graph!.inputs.filter((i) => i.kind === "data").map((i) => `${i.name}${JSON.stringify(t.graph!.type(i.value).shape)}`);
    expect(data).toEqual(['user_id["B"]', 'hist["B",3]', 'item_id["B"]', 'neg_item_id["B",2]']);
    expect(t.graph!.type(t.graph!.outputs.find((o) => o.name === "logits")!.value).shape).toEqual(["B", 3]);
    expect(t.sparse).toEqual([
      { param: "emb.item_id", columns: ["hist", "item_id", "neg_item_id"] },
      { param: "emb.user_id", columns: ["user_id"] },
    ]);
    expect(t.settings).toMatchObject({ mode: "listwise", negatives: "sampled", numNegatives: 2, negativeColumns: ["neg_item_id"] });
  });

  it("gives every node an origin in the .rech source with its scope", () => {
    const p = programOf(SMALL);
    const g = buildTrainForward(p, "Small").graph!;
    for (const n of g.nodes) {
      expect(n.origin.loc?.file, n.op).toMatch(/^(test\.rech|prelude\/std\.rech)$/);
      expect(n.origin.scope, n.op).toMatch(/^Small\./);
    }
    const lin = g.nodes.find((n) => n.op === "MatMul" && n.origin.scope === "Small.user/l0");
    expect(lin?.origin.loc?.file).toBe("prelude/std.rech");
  });

  it("is deterministic: the same model evaluated twice prints the same IR", () => {
    const p = modelsProgram();
    for (const m of listModels(p)) {
      expect(printGraph(buildTrainForward(p, m).graph!)).toBe(printGraph(buildTrainForward(p, m).graph!));
      expect(printGraph(buildTower(p, m, "user").graph!)).toBe(printGraph(buildTower(p, m, "user").graph!));
    }
  });

  it("keeps tables scored whole (full softmax) out of the sparse list", () => {
    const p = modelsProgram();
    expect(buildTrainForward(p, "NARM").sparse).toEqual([]);
    expect(buildTrainForward(p, "SASRec").sparse).toEqual([{ param: "emb.item_id", columns: ["hist_item_id", "item_id", "neg_item_id"] }]);
  });
});

describe("model info", () => {
  const p = modelsProgram();

  it("describes YoutubeDNN", () => {
    const r = modelInfo(p, "YoutubeDNN");
    expect(r.diagnostics).toEqual([]);
    const info = r.info!;
    expect(info.userInputs).toEqual(["user_id", "gender", "hist_item_id"]);
    expect(info.itemInputs).toEqual(["item_id"]);
    expect([info.interests, info.embedDim]).toEqual([1, 16]);
    expect(info.train).toMatchObject({ mode: "listwise", negatives: "sampled", numNegatives: 3, temperature: 0.02, score: "dot" });
    expect(info.features.map((f) => f.name)).toEqual(["user_id", "gender", "item_id", "hist_item_id", "neg_item_id"]);
    expect(info.features.find((f) => f.name === "hist_item_id")).toMatchObject({ kind: "sequence", table: "item_id", len: 50, pad: 0, dim: 16, vocab: 4002 });
  });

  it("describes DSSM in each mode and MIND's K interests", () => {
    expect(modelInfo(p, "DSSM").info!.train).toMatchObject({ mode: "pointwise", negatives: "none", label: "label" });
    expect(modelInfo(p, "DSSM", { mode: "pairwise" }).info!.train).toMatchObject({ mode: "pairwise", negatives: "in_batch" });
    expect(modelInfo(p, "YoutubeSBC").info!.train).toMatchObject({ negatives: "in_batch", logq: "item_logq", score: "cosine" });
    expect(modelInfo(p, "MIND").info).toMatchObject({ interests: 4, embedDim: 16 });
  });

  it("counts parameters once over towers and training graph", () => {
    const p2 = programOf(SMALL);
    // emb 10x4 + 20x4; user: (8 -> 8) + 8, (8 -> 4) + 4; item: (4 -> 4) + 4
    expect(countParams(p2, "Small").count).toBe(40 + 80 + 64 + 8 + 32 + 4 + 16 + 4);
  });

  it("models.rech checks with no diagnostics", () => {
    const text = readFileSync(new URL("../../models.rech", import.meta.url), "utf8");
    expect(text).toContain("model SINE");
    for (const m of listModels(p)) expect(countParams(p, m).diagnostics).toEqual([]);
  });
});

describe("train settings", () => {
  const base = (score: string, train: string) => `
features f {
  sparse user_id vocab 10 dim 4
  sparse item_id vocab 20 dim 4
  sparse cate_id vocab 5 dim 4
  sequence neg_item_id shares item_id len 2
}
model S(features = f) {
  user { return embed(user_id) }
  item { return embed(item_id) }
  ${score}
  train { ${train} }
}`;

  it("a score section scores the positive and each sampled negative", async () => {
    const { interpret } = await import("../../src/ir/interp.js");
    const { randomFeeds } = await import("../models/helpers.js");
    const p = programOf(base("score sum(user * item, [-1]) * 2", "mode listwise\n negatives sampled\n temperature 0.5"));
    const t = buildTrainForward(p, "S");
    expect(rendered(p, t.diagnostics)).toBe("");
    const g = t.graph!;
    const feeds = randomFeeds(g, { B: 3 }, 2, 10);
    const out = interpret(g, feeds).outputs;
    const E = feeds["emb.item_id"]!, U = feeds["emb.user_id"]!;
    const row = (tab: typeof E, id: number) => Array.from(tab.data.subarray(id * 4, id * 4 + 4));
    for (let b = 0; b < 3; b++) {
      const u = row(U, feeds.user_id!.data[b]!);
      const ids = [feeds.item_id!.data[b]!, feeds.neg_item_id!.data[2 * b]!, feeds.neg_item_id!.data[2 * b + 1]!];
      ids.forEach((id, j) => {
        const dot = row(E, id).reduce((a, v, k) => a + v * u[k]!, 0);
        expect(out.logits!.data[3 * b + j]).toBeCloseTo((2 * dot) / 0.5, 10);
      });
    }
  });

  it("rejects a score section with in-batch negatives, and 'all' over several item features", () => {
    const p = programOf(base("score sum(user * item, [-1])", "negatives in_batch"));
    expect(buildTrainForward(p, "S").diagnostics.map((d) => d.code)).toEqual(["RECH5001"]);
    const p2 = programOf(base("", "negatives all").replace("return embed(item_id) }", "return embed(item_id) + embed(cate_id) }"));
    expect(buildTrainForward(p2, "S").diagnostics.map((d) => d.message)).toEqual([
      "invalid train setting 'negatives': 'all' scores every item id, so the item tower may read only its id feature, not 'cate_id'",
    ]);
  });

  it("full-vocabulary softmax: logits over every id, target = the item id column", () => {
    const p = programOf(base("", "negatives all"));
    const t = buildTrainForward(p, "S");
    expect(rendered(p, t.diagnostics)).toBe("");
    expect(t.graph!.type(t.graph!.outputs[1]!.value).shape).toEqual(["B", 20]);
    expect(t.sparse).toEqual([{ param: "emb.user_id", columns: ["user_id"] }]);
    expect(t.settings).toMatchObject({ negatives: "all", numNegatives: 0 });
  });
});

describe("blocks", () => {
  it("a user block replaces a prelude block for user code only; prelude code keeps its own blocks", () => {
    const p = programOf(`
features f {
  sparse user_id vocab 10 dim 4
  sparse item_id vocab 20 dim 4
}
block linear(x, out) {
  return x * 2
}
block relu(x) {
  return x * 0
}
model M(features = f) {
  user { return mlp(linear(embed(user_id), 4), [3], bn = false) }
  item { return embed(item_id) }
}`);
    const g = buildTower(p, "M", "user").graph!;
    // the user's linear doubles (no parameter); mlp still builds the prelude's linear and relu
    expect(g.inputs.filter((i) => i.kind === "param").map((i) => i.name)).toEqual(["emb.user_id", "user/mlp/layer0/linear/w", "user/mlp/layer0/linear/b"]);
    expect(g.nodes.some((n) => n.op === "Relu")).toBe(true);
  });
});

describe("per-position training (positions)", () => {
  const text = (mode: string) => `
features f {
  sparse item_id vocab 12 dim 3 pad 0
  sequence hist shares item_id len 4 pad 0
  sequence neg_item_id shares item_id len 2
}
model P(features = f) {
  user {
    o = embed(hist)
    if training {
      return o
    }
    return sum(o, [1])
  }
  item { return embed(item_id) }
  train {
    mode ${mode}
    negatives sampled
    positions hist
    temperature 0.5
  }
}`;

  for (const mode of ["pairwise", "listwise"]) {
    it(`${mode}: each real position against the next item and the negatives`, async () => {
      const { interpret } = await import("../../src/ir/interp.js");
      const { tensor } = await import("../../src/ir/tensor.js");
      const { rng } = await import("../models/helpers.js");
      const p = programOf(text(mode));
      const t = buildTrainForward(p, "P");
      expect(rendered(p, t.diagnostics)).toBe("");
      const g = t.graph!;
      const r = rng(3);
      const E = Array.from({ length: 36 }, () => r() - 0.5);
      const hist = [0, 0, 5, 7, /* post-padded: */ 3, 4, 0, 0];
      const item = [9, 6];
      const neg = [1, 2, 10, 11];
      const out = interpret(g, {
        "emb.item_id": tensor("f32", [12, 3], E), hist: tensor("i32", [2, 4], hist),
        item_id: tensor("i32", [2], item), neg_item_id: tensor("i32", [2, 2], neg),
      }).outputs;
      const dot = (a: number, b2: number) => [0, 1, 2].reduce((s, k) => s + E[a * 3 + k]! * E[b2 * 3 + k]!, 0) / 0.5;
      const sp = (x: number) => Math.log1p(Math.exp(x));
      let total = 0, count = 0;
      for (let b = 0; b < 2; b++) {
        for (let t2 = 0; t2 < 4; t2++) {
          const id = hist[b * 4 + t2]!;
          if (id === 0) continue;
          const nextRaw = t2 < 3 ? hist[b * 4 + t2 + 1]! : 0;
          const next = nextRaw === 0 ? item[b]! : nextRaw;
          const sPos = dot(id, next);
          const sNeg = [dot(id, neg[2 * b]!), dot(id, neg[2 * b + 1]!)];
          if (mode === "pairwise") total += (sp(sNeg[0]! - sPos) + sp(sNeg[1]! - sPos)) / 2;
          else total += Math.log(Math.exp(sPos) + Math.exp(sNeg[0]!) + Math.exp(sNeg[1]!)) - sPos;
          count++;
        }
      }
      expect(out.loss!.data[0]).toBeCloseTo(total / count, 10);
      expect(out.logits!.shape).toEqual([2, 4, 3]);
    });
  }

  it("SASRec trains per position and keeps (B,D) user vectors for inference", () => {
    const m = modelsProgram();
    const t = buildTrainForward(m, "SASRec");
    expect(t.settings).toMatchObject({ mode: "pairwise", positions: "hist_item_id", numNegatives: 3 });
    expect(t.graph!.type(t.graph!.outputs[1]!.value).shape).toEqual(["B", 50, 4]);
    expect(buildTower(m, "SASRec", "user").graph!.type(buildTower(m, "SASRec", "user").graph!.outputs[0]!.value).shape).toEqual(["B", 32]);
  });
});

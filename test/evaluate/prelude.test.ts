// The prelude's blocks against direct re-computations in TypeScript (PyTorch's formulas), run through the
// evaluator and the reference interpreter: gru (with masked steps), attention (causal + key mask),
// layernorm, pooling, batchnorm (both modes), dropout, last_position, best_interest, capsule routing.
import { describe, expect, it } from "vitest";
import type { Graph } from "../../src/ir/graph.js";
import { interpret } from "../../src/ir/interp.js";
import { tensor, type Tensor } from "../../src/ir/tensor.js";
import { buildTower, buildTrainForward } from "../../src/passes/model/index.js";
import { rng } from "../models/helpers.js";
import { programOf, rendered } from "./helpers.js";

const B = 2, L = 4, D = 3, H = 5;

/** A model whose user tower is `body` over dense inputs x (B, L*D) viewed as (B,L,D) and m (B,L). */
function tower(body: string, training = false): Graph {
  const p = programOf(`
features f {
  dense x width ${L * D}
  dense m width ${L}
  dense v width ${D}
  sparse item_id vocab 10 dim ${D}
}
model T(features = f) {
  user {
    e = reshape(embed(x), [-1, ${L}, ${D}])
    mk = embed(m)
    ${body}
  }
  item { return embed(item_id) }
}`);
  const r = training ? buildTrainForward(p, "T") : buildTower(p, "T", "user");
  expect(rendered(p, r.diagnostics)).toBe("");
  return r.graph!;
}

const MASK = [1, 1, 1, 0, /* row 2 pre-padded: */ 0, 0, 1, 1];

function feeds(g: Graph, seed: number, extra: Record<string, number[]> = {}): Record<string, Tensor> {
  const r = rng(seed);
  const out: Record<string, Tensor> = {};
  for (const i of g.inputs) {
    const shape = g.type(i.value).shape.map((d) => (d === "B" ? B : (d as number)));
    const n = shape.reduce((a, b) => a * b, 1);
    const given = extra[i.name] ?? (i.name === "m" ? MASK : undefined);
    out[i.name] = tensor(g.type(i.value).dtype, shape, given ?? Array.from({ length: n }, () => r() * 2 - 1));
  }
  return out;
}

function run(g: Graph, f: Record<string, Tensor>, name = "user_vec"): number[] {
  return Array.from(interpret(g, f).outputs[name]!.data);
}

const at = (t: Tensor, ...idx: number[]) => {
  let k = 0;
  idx.forEach((v, i) => (k = k * t.shape[i]! + v));
  return t.data[k]!;
};
const sig = (x: number) => 1 / (1 + Math.exp(-x));

function expectAllClose(got: number[], want: number[], tol = 1e-9): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]!), `index ${i}: ${g} vs ${want[i]}`).toBeLessThan(tol));
}

describe("prelude blocks", () => {
  it("gru follows PyTorch's cell and holds its state on padding", () => {
    const g = tower(`o, h = gru(e, mk, ${H})\n    return h`);
    const f = feeds(g, 3);
    const got = run(g, f);
    const x = f.x!, wi = f["user/gru/w_ih"]!, wh = f["user/gru/w_hh"]!, bi = f["user/gru/b_ih"]!, bh = f["user/gru/b_hh"]!;
    const want: number[] = [];
    for (let b = 0; b < B; b++) {
      let h = new Array(H).fill(0);
      for (let t = 0; t < L; t++) {
        if (!MASK[b * L + t]) continue;
        const gx = (j: number) => bi.data[j]! + Array.from({ length: D }, (_, k) => x.data[b * L * D + t * D + k]! * at(wi, k, j)).reduce((a, c) => a + c);
        const gh = (j: number) => bh.data[j]! + h.reduce((a, hk, k) => a + hk * at(wh, k, j), 0);
        const next = h.map((hj, j) => {
          const r = sig(gx(j) + gh(j));
          const z = sig(gx(H + j) + gh(H + j));
          const n = Math.tanh(gx(2 * H + j) + r * gh(2 * H + j));
          return (1 - z) * n + z * hj;
        });
        h = next;
      }
      want.push(...h);
    }
    expectAllClose(got, want);
  });

  it("attention: projections, causal and key-padding masks (one head)", () => {
    const g = tower(`return reshape(attention(e, e, 1, causal = true, key_mask = mk), [-1, ${L * D}])`);
    const f = feeds(g, 5);
    const got = run(g, f);
    const x = f.x!, P = (n: string) => f[`user/attention/${n}`]!;
    const proj = (w: Tensor, bias: Tensor, b: number, t: number) =>
      Array.from({ length: D }, (_, j) => bias.data[j]! + Array.from({ length: D }, (_, k) => x.data[b * L * D + t * D + k]! * at(w, k, j)).reduce((a, c) => a + c));
    const want: number[] = [];
    for (let b = 0; b < B; b++) {
      for (let i = 0; i < L; i++) {
        const q = proj(P("wq"), P("bq"), b, i);
        const s = Array.from({ length: L }, (_, j) => {
          const k = proj(P("wk"), P("bk"), b, j);
          const ok = j <= i && MASK[b * L + j] === 1;
          return ok ? q.reduce((a, qv, c) => a + qv * k[c]!, 0) / Math.sqrt(D) : -1e9;
        });
        const mx = Math.max(...s);
        const e = s.map((v) => Math.exp(v - mx));
        const z = e.reduce((a, c) => a + c);
        const o = new Array(D).fill(0);
        for (let j = 0; j < L; j++) proj(P("wv"), P("bv"), b, j).forEach((vv, c) => (o[c] += (e[j]! / z) * vv));
        for (let c = 0; c < D; c++) want.push(P("bo").data[c]! + o.reduce((a, ov, k) => a + ov * at(P("wo"), k, c), 0));
      }
    }
    expectAllClose(got, want);
  });

  it("attention splits heads: 3 heads of width 1 differ from one head of width 3", () => {
    const one = tower(`return reshape(attention(e, e, 1), [-1, ${L * D}])`);
    const three = tower(`return reshape(attention(e, e, 3), [-1, ${L * D}])`);
    const f = feeds(one, 8);
    expect(run(three, f)).not.toEqual(run(one, f));
  });

  it("layernorm, masked mean pooling, l2norm", () => {
    const g = tower(`return concat([layernorm(mean_pool(e, mk)), l2norm(sum_pool(e, mk))], -1)`);
    const f = feeds(g, 9, { "user/layernorm/gamma": [1, 2, 3], "user/layernorm/beta": [0, 0.5, -1] });
    const got = run(g, f);
    const want: number[] = [];
    for (let b = 0; b < B; b++) {
      const s = [0, 0, 0];
      let n = 0;
      for (let t = 0; t < L; t++) {
        if (!MASK[b * L + t]) continue;
        n++;
        for (let c = 0; c < D; c++) s[c] += f.x!.data[b * L * D + t * D + c]!;
      }
      const mean = s.map((v) => v / n);
      const mu = mean.reduce((a, c) => a + c) / D;
      const v = mean.reduce((a, c) => a + (c - mu) ** 2, 0) / D;
      const ln = mean.map((x, c) => ((x - mu) / Math.sqrt(v + 1e-5)) * [1, 2, 3][c]! + [0, 0.5, -1][c]!);
      const norm = Math.sqrt(s.reduce((a, c) => a + c * c, 0));
      want.push(...ln, ...s.map((x) => x / norm));
    }
    expectAllClose(got, want);
  });

  it("batchnorm: running statistics at inference, batch statistics and updates in training", () => {
    const infer = tower(`return batchnorm(embed(v))`);
    const f = feeds(infer, 2, { "user/batchnorm/mean": [0.5, -1, 0], "user/batchnorm/var": [4, 1, 0.25], "user/batchnorm/gamma": [1, 1, 2], "user/batchnorm/beta": [0, 1, 0] });
    const vin = Array.from(f.v!.data);
    const want = vin.map((x, k) => {
      const c = k % D;
      return ((x - [0.5, -1, 0][c]!) / Math.sqrt([4, 1, 0.25][c]! + 1e-5)) * [1, 1, 2][c]! + [0, 1, 0][c]!;
    });
    expectAllClose(run(infer, f), want);

    const train = tower(`return batchnorm(embed(v))`, true);
    const tf = { ...feeds(train, 2), ...Object.fromEntries(Object.entries(f).filter(([k]) => train.input(k))) };
    const res = interpret(train, tf).outputs;
    for (let c = 0; c < D; c++) {
      const col = [vin[c]!, vin[D + c]!];
      const mu = (col[0]! + col[1]!) / 2;
      const varB = ((col[0]! - mu) ** 2 + (col[1]! - mu) ** 2) / 2;
      expect(res["user/batchnorm/mean.new"]!.data[c]).toBeCloseTo(0.9 * [0.5, -1, 0][c]! + 0.1 * mu, 12);
      expect(res["user/batchnorm/var.new"]!.data[c]).toBeCloseTo(0.9 * [4, 1, 0.25][c]! + 0.1 * varB * 2, 12);
      const y0 = ((col[0]! - mu) / Math.sqrt(varB + 1e-5)) * [1, 1, 2][c]! + [0, 1, 0][c]!;
      expect(res.user_vec!.data[c]).toBeCloseTo(y0, 9);
    }
  });

  it("dropout keeps where the noise is >= p and scales by 1/(1-p); identity at inference", () => {
    const train = tower(`return dropout(embed(v), 0.25)`, true);
    const noise = train.inputs.find((i) => i.kind === "noise")!;
    expect(noise.name).toBe("user/dropout/noise");
    expect(noise.init).toEqual({ kind: "noise", dist: "uniform" });
    const u = [0.1, 0.5, 0.3, 0.2, 0.9, 0.25];
    const f = feeds(train, 4, { [noise.name]: u });
    const got = run(train, f);
    expectAllClose(got, Array.from(f.v!.data).map((x, k) => (u[k]! >= 0.25 ? x / 0.75 : 0)));
    const infer = tower(`return dropout(embed(v), 0.25)`);
    expect(infer.inputs.some((i) => i.kind === "noise")).toBe(false);
  });

  it("last_position finds the last real item with pre- and post-padding", () => {
    const g = tower(`return last_position(mk)`);
    expect(run(g, feeds(g, 1))).toEqual([0, 0, 1, 0, 0, 0, 0, 1]);
  });

  it("best_interest picks the interest closest to the positive", () => {
    const g = tower(`return best_interest(e, embed(v))`);
    const f = feeds(g, 6);
    const got = run(g, f);
    const want: number[] = [];
    for (let b = 0; b < B; b++) {
      let best = -1, score = -Infinity;
      for (let k = 0; k < L; k++) {
        const s = Array.from({ length: D }, (_, c) => f.x!.data[b * L * D + k * D + c]! * f.v!.data[b * D + c]!).reduce((a, c) => a + c);
        if (s > score) [best, score] = [k, s];
      }
      want.push(...Array.from({ length: D }, (_, c) => f.x!.data[b * L * D + best * D + c]!));
    }
    expectAllClose(got, want);
  });

  it("capsules: dynamic routing as MIND (kind 0) and ComirecDR (kind 2) compute it", () => {
    const K = 2;
    for (const kind of [0, 2]) {
      const init = kind === 0 ? `unsqueeze(buffer("r", [${K}, ${L}], init = normal(0, 1)), 0)` : "[]";
      const g = tower(`return reshape(capsules(e, mk, ${K}, ${init}, 3, ${kind}), [-1, ${K * D}])`);
      const f = feeds(g, 12);
      const got = run(g, f);
      const w = f["user/capsules/w"]!;
      const want: number[] = [];
      for (let b = 0; b < B; b++) {
        const x = (l: number, c: number) => f.x!.data[b * L * D + l * D + c]!;
        // u[k][l] = the interest-k view of item l
        const u = Array.from({ length: K }, (_, k) => Array.from({ length: L }, (_, l) => Array.from({ length: D }, (_, j) =>
          kind === 0 ? Array.from({ length: D }, (_, i) => x(l, i) * at(w, i, j)).reduce((a2, c2) => a2 + c2)
            : Array.from({ length: D }, (_, i) => x(l, i) * at(w, l, i, k * D + j)).reduce((a2, c2) => a2 + c2))));
        const beta = Array.from({ length: K }, (_, k) => Array.from({ length: L }, (_, l) => (kind === 0 ? at(f["user/r"]!, k, l) : 0)));
        let caps: number[][] = [];
        for (let it = 0; it < 3; it++) {
          caps = beta.map((row, k) => {
            const mx = Math.max(...row);
            const ex = row.map((v) => Math.exp(v - mx));
            const z = ex.reduce((a2, c2) => a2 + c2);
            const c = new Array(D).fill(0);
            row.forEach((_, l) => u[k]![l]!.forEach((v, j) => (c[j] += (ex[l]! / z) * MASK[b * L + l]! * v)));
            const n = c.reduce((a2, v) => a2 + v * v, 0);
            return c.map((v) => (v * n) / (1 + n) / Math.sqrt(n + 1e-9));
          });
          if (it < 2) beta.forEach((row, k) => row.forEach((_, l) => (row[l]! += u[k]![l]!.reduce((a2, v, j) => a2 + v * caps[k]![j]!, 0))));
        }
        want.push(...caps.flat());
      }
      expectAllClose(got, want);
    }
  });
});

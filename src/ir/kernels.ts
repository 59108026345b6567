// Plain, obviously-correct kernels for the reference interpreter. Floats are held in Float64Array so the
// interpreter can also serve finite-difference gradient checks.
import { allocData, size, strides, type Tensor } from "./tensor.js";
import type { DType } from "./types.js";

function broadcastOut(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[i - (n - a.length)] ?? 1, y = b[i - (n - b.length)] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new Error(`runtime shapes ${JSON.stringify(a)} and ${JSON.stringify(b)} do not broadcast`);
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** For each flat index of `out`, the flat index into a tensor of shape `s` broadcast to it. */
function broadcastIndex(s: number[], out: number[]): Int32Array {
  const n = size(out);
  const idx = new Int32Array(n);
  const st = strides(s);
  const off = out.length - s.length;
  const outSt = strides(out);
  for (let i = 0; i < n; i++) {
    let rem = i, j = 0;
    for (let d = 0; d < out.length; d++) {
      const c = Math.floor(rem / outSt[d]);
      rem -= c * outSt[d];
      if (d >= off && s[d - off] !== 1) j += c * st[d - off];
    }
    idx[i] = j;
  }
  return idx;
}

export function broadcastN(ts: Tensor[], dtype: DType, f: (...xs: number[]) => number): Tensor {
  const shape = ts.map((t) => t.shape).reduce(broadcastOut);
  const idx = ts.map((t) => broadcastIndex(t.shape, shape));
  const data = allocData(dtype, size(shape));
  const xs = new Array<number>(ts.length);
  for (let i = 0; i < data.length; i++) {
    for (let k = 0; k < ts.length; k++) xs[k] = ts[k].data[idx[k][i]];
    data[i] = f(...xs);
  }
  return { dtype, shape, data };
}

export function map(t: Tensor, dtype: DType, f: (x: number) => number): Tensor {
  const data = allocData(dtype, t.data.length);
  for (let i = 0; i < data.length; i++) data[i] = f(t.data[i]);
  return { dtype, shape: [...t.shape], data };
}

/** Reduce over `axes` with an accumulator; keeps reduced axes as 1 when keepdims. */
export function reduce(t: Tensor, axes: number[], keepdims: boolean, init: number,
  step: (acc: number, x: number) => number, finish: (acc: number, count: number) => number): Tensor {
  const r = t.shape.length;
  const ax = axes.map((a) => (a < 0 ? a + r : a));
  const kept = t.shape.map((d, i) => (ax.includes(i) ? 1 : d));
  const outN = size(kept);
  const acc = new Float64Array(outN).fill(init);
  const count = size(t.shape) / Math.max(outN, 1);
  const st = strides(t.shape), kst = strides(kept);
  for (let i = 0; i < t.data.length; i++) {
    let rem = i, j = 0;
    for (let d = 0; d < r; d++) {
      const c = Math.floor(rem / st[d]);
      rem -= c * st[d];
      if (!ax.includes(d)) j += c * kst[d];
    }
    acc[j] = step(acc[j], t.data[i]);
  }
  const data = allocData(t.dtype, outN);
  for (let j = 0; j < outN; j++) data[j] = finish(acc[j], count);
  const shape = keepdims ? kept : t.shape.filter((_, i) => !ax.includes(i));
  return { dtype: t.dtype, shape, data };
}

export function softmax(t: Tensor, axis: number, log: boolean): Tensor {
  const ax = axis < 0 ? axis + t.shape.length : axis;
  const n = t.shape[ax], inner = size(t.shape.slice(ax + 1)), outer = size(t.shape.slice(0, ax));
  const data = new Float64Array(t.data.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const at = (k: number) => o * n * inner + k * inner + i;
      let m = -Infinity;
      for (let k = 0; k < n; k++) m = Math.max(m, t.data[at(k)]);
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.exp(t.data[at(k)] - m);
      for (let k = 0; k < n; k++) {
        const z = t.data[at(k)] - m;
        data[at(k)] = log ? z - Math.log(s) : Math.exp(z) / s;
      }
    }
  }
  return { dtype: "f32", shape: [...t.shape], data };
}

export function matmul(a: Tensor, b: Tensor): Tensor {
  const m = a.shape[a.shape.length - 2], k = a.shape[a.shape.length - 1], n = b.shape[b.shape.length - 1];
  const batch = broadcastOut(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const ia = broadcastIndex(a.shape.slice(0, -2), batch), ib = broadcastIndex(b.shape.slice(0, -2), batch);
  const nb = size(batch);
  const data = new Float64Array(nb * m * n);
  for (let p = 0; p < nb; p++) {
    const ao = ia[p] * m * k, bo = ib[p] * k * n, oo = p * m * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < k; q++) s += a.data[ao + i * k + q] * b.data[bo + q * n + j];
        data[oo + i * n + j] = s;
      }
    }
  }
  return { dtype: "f32", shape: [...batch, m, n], data };
}

export function transpose(t: Tensor, perm: number[]): Tensor {
  const shape = perm.map((p) => t.shape[p]);
  const st = strides(t.shape), ost = strides(shape);
  const data = allocData(t.dtype, t.data.length);
  for (let i = 0; i < data.length; i++) {
    let rem = i, j = 0;
    for (let d = 0; d < shape.length; d++) {
      const c = Math.floor(rem / ost[d]);
      rem -= c * ost[d];
      j += c * st[perm[d]];
    }
    data[i] = t.data[j];
  }
  return { dtype: t.dtype, shape, data };
}

export function concat(ts: Tensor[], axis: number): Tensor {
  const ax = axis < 0 ? axis + ts[0].shape.length : axis;
  const outer = size(ts[0].shape.slice(0, ax));
  const shape = [...ts[0].shape];
  shape[ax] = ts.reduce((s, t) => s + t.shape[ax], 0);
  const data = allocData(ts[0].dtype, size(shape));
  let o = 0;
  for (let p = 0; p < outer; p++) {
    for (const t of ts) {
      const chunk = size(t.shape.slice(ax));
      for (let i = 0; i < chunk; i++) data[o++] = t.data[p * chunk + i];
    }
  }
  return { dtype: ts[0].dtype, shape, data };
}

export function slice(t: Tensor, axis: number, start: number, end: number): Tensor {
  const ax = axis < 0 ? axis + t.shape.length : axis;
  const outer = size(t.shape.slice(0, ax)), inner = size(t.shape.slice(ax + 1)), n = t.shape[ax];
  const shape = [...t.shape];
  shape[ax] = end - start;
  const data = allocData(t.dtype, size(shape));
  let o = 0;
  for (let p = 0; p < outer; p++) {
    for (let k = start; k < end; k++) for (let i = 0; i < inner; i++) data[o++] = t.data[(p * n + k) * inner + i];
  }
  return { dtype: t.dtype, shape, data };
}

export function gather(table: Tensor, idx: Tensor): Tensor {
  const row = size(table.shape.slice(1)), rows = table.shape[0];
  const data = allocData(table.dtype, idx.data.length * row);
  for (let i = 0; i < idx.data.length; i++) {
    const r = idx.data[i];
    if (r < 0 || r >= rows) throw new Error(`gather index ${r} out of range [0, ${rows})`);
    for (let j = 0; j < row; j++) data[i * row + j] = table.data[r * row + j];
  }
  return { dtype: table.dtype, shape: [...idx.shape, ...table.shape.slice(1)], data };
}

export function scatterAdd(base: Tensor, idx: Tensor, upd: Tensor): Tensor {
  const row = size(base.shape.slice(1));
  const data = allocData(base.dtype, base.data.length);
  data.set(base.data);
  for (let i = 0; i < idx.data.length; i++) {
    const r = idx.data[i];
    for (let j = 0; j < row; j++) data[r * row + j] += upd.data[i * row + j];
  }
  return { dtype: base.dtype, shape: [...base.shape], data };
}

/** Largest k along the last axis, ties broken by the lower index (as ONNX TopK). */
export function topk(t: Tensor, k: number): [Tensor, Tensor] {
  const n = t.shape[t.shape.length - 1], outer = t.data.length / n;
  const shape = [...t.shape.slice(0, -1), k];
  const vals = new Float64Array(outer * k), ids = new Int32Array(outer * k);
  for (let o = 0; o < outer; o++) {
    const order = Array.from({ length: n }, (_, i) => i)
      .sort((x, y) => t.data[o * n + y] - t.data[o * n + x] || x - y);
    for (let j = 0; j < k; j++) {
      ids[o * k + j] = order[j];
      vals[o * k + j] = t.data[o * n + order[j]];
    }
  }
  return [{ dtype: t.dtype, shape, data: vals }, { dtype: "i32", shape, data: ids }];
}

export function argmax(t: Tensor, axis: number, keepdims: boolean): Tensor {
  const ax = axis < 0 ? axis + t.shape.length : axis;
  const n = t.shape[ax], inner = size(t.shape.slice(ax + 1)), outer = size(t.shape.slice(0, ax));
  const data = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      let best = 0;
      for (let k = 1; k < n; k++) if (t.data[(o * n + k) * inner + i] > t.data[(o * n + best) * inner + i]) best = k;
      data[o * inner + i] = best;
    }
  }
  const shape = t.shape.flatMap((d, i) => (i !== ax ? [d] : keepdims ? [1] : []));
  return { dtype: "i32", shape, data };
}

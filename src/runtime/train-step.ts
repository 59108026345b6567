// Runs a compiled training-step graph step after step. The executor owns every param, buffer and
// optimizer-state value in long-lived Float32Arrays (allocated once), feeds them with a batch, noise and
// hypers, and copies the `<name>.new` outputs back (onnxruntime allocates outputs; inputs cannot alias them).
// Sparse tables feed only the rows a batch uses: the unique ids are gathered into compact buffers, the id
// columns remapped to local rows 0..U-1, and the updated rows (and their optimizer moments) scattered back.
// A sparse table and its moments are stored interleaved row by row (train/row-store.ts), so a step costs
// about the same for a 10k-row and a 10M-row table. Sparse mode is "lazy": rows a batch does not touch keep
// their moments unchanged (no decay, no weight decay), unlike dense mode, which is kept for exact parity.
import * as ort from "onnxruntime-node";
import type { Device } from "./device.js";
import { shortOrtMessage } from "./device.js";
import { RuntimeUserError } from "./errors.js";
import { createSession, type Session } from "./session.js";
import type { Graph, InitSpec, InputKind, PackedPart } from "../ir/graph.js";
import { bindShape, type Dim, type TensorType } from "../ir/types.js";
import type { Batch } from "../data/batch.js";
import { carve, carveRows, DenseHeld, RowHeld, type HeldKind, type HeldTensor } from "../train/held.js";
import { fillNoise } from "../train/init.js";
import { RowStore } from "../train/row-store.js";
import { grow, RowSet } from "../train/sparse-rows.js";

export type { HeldTensor } from "../train/held.js";

export interface StepInput {
  name: string;
  kind: InputKind;
  type: TensorType;
  init?: InitSpec;
  /** a packed input: the tensors it holds back to back (the executor shows them by name) */
  parts?: PackedPart[];
}
/** What the executor needs from the IR graph: typed inputs and output names. */
export interface StepSignature {
  inputs: StepInput[];
  outputs: string[];
}
export function stepSignature(g: Graph): StepSignature {
  return {
    inputs: g.inputs.map((i) => ({ name: i.name, kind: i.kind, type: g.type(i.value), init: i.init, ...(i.parts ? { parts: i.parts } : {}) })),
    outputs: g.outputs.map((o) => o.name),
  };
}

/** A table updated sparsely: `rows` = its full first dimension; `columns` = the batch columns holding its ids. */
export interface SparseTable {
  param: string;
  columns: string[];
  rows: number;
  /** several tables packed into one input (its parts, in order): each maps its own columns into its rows */
  parts?: { param: string; columns: string[]; rows: number }[];
}

export interface StepExecutorOptions {
  /** serialized ONNX training step, or a session made from it */
  model: Uint8Array | Session;
  signature: StepSignature | Graph;
  sparse?: SparseTable[];
  device?: Device;
  /** onnxruntime intra-op threads (default 1: a step is hundreds of small ops, and handing them to a second
   *  thread cost more than it gained in bench/train-step.ts) */
  threads?: number;
  /** let idle onnxruntime threads spin (default false: between steps they would take the CPU from batch building) */
  spinning?: boolean;
  /** run seed: parameter init and per-step noise derive from it */
  seed: number;
  /** sizes of symbolic dims of held tensors that are neither batch nor sparse-table dims */
  dims?: Record<string, number>;
}

interface Held {
  t: DenseHeld | RowHeld;
  /** the sparse table whose rows it follows */
  table?: Table;
  /** compact U-row buffer fed in sparse mode */
  rowsBuf: Float32Array;
  /** the tensor fed for a dense one (the same object every step: its data is updated in place) */
  fed?: ort.Tensor;
}
interface Table {
  spec: SparseTable;
  symbol: string;
  rowset: RowSet;
  store: RowStore;
  remapped: Map<string, Int32Array>;
  /** the held tensors living in the store, by member index */
  members: Held[];
}

const HELD_KINDS = new Set<InputKind>(["param", "buffer", "state"]);

export class StepExecutor {
  /** completed steps; the next run feeds `opt.step` = step + 1 */
  step = 0;
  /** milliseconds spent so far: building feeds (id remap, row gather, noise), in onnxruntime, writing back */
  readonly timing = { feed: 0, run: 0, commit: 0 };
  private readonly held: Held[] = [];
  /** held tensors by input name (what is fed) */
  private readonly byInput = new Map<string, Held>();
  /** what callers see: every held tensor, the parts of packed inputs in place of the packed input */
  private readonly views: HeldTensor[] = [];
  private readonly byName = new Map<string, HeldTensor>();
  private readonly tables: Table[] = [];
  private readonly noise = new Map<string, Float32Array>();
  private readonly scalar = new Map<string, Float32Array>();
  /** the outputs a step reads: the loss and every held input's next value */
  private readonly fetch: string[];

  private constructor(
    readonly session: ort.InferenceSession,
    readonly signature: StepSignature,
    readonly seed: number,
    dims: Record<string, number>,
    sparse: SparseTable[],
  ) {
    if (!signature.outputs.includes("loss")) throw new Error("training graph has no output named loss");
    const heldInputs = signature.inputs.filter((i) => HELD_KINDS.has(i.kind));
    for (const inp of heldInputs) {
      if (inp.type.dtype !== "f32") throw new Error(`${inp.kind} input ${inp.name} must be f32, got ${inp.type.dtype}`);
      if (!signature.outputs.includes(`${inp.name}.new`)) throw new Error(`training graph has no output ${inp.name}.new`);
    }
    const members = new Map<StepInput, { table: Table; k: number }>();
    for (const spec of sparse) {
      const p = heldInputs.find((i) => i.name === spec.param);
      if (!p || p.kind !== "param") throw new Error(`sparse table ${spec.param} is not a param input of the training graph`);
      if (spec.parts && (p.parts?.map((q) => `${q.name}:${q.shape[0]}`).join() !== spec.parts.map((q) => `${q.param}:${q.rows}`).join())) {
        throw new Error(`sparse table ${spec.param}: its parts do not match the training graph's`);
      }
      const symbol = p.type.shape[0];
      if (typeof symbol !== "string") throw new Error(`sparse table ${spec.param}: its first dimension must be a symbol, got ${symbol}`);
      // the table and every held tensor whose first dim is the same symbol (its optimizer moments)
      const group = heldInputs.filter((i) => i.type.shape[0] === symbol);
      const widths = group.map((i) => resolve(i.name, i.type.shape.slice(1), dims).reduce((a, b) => a * b, 1));
      const table: Table = { spec, symbol, rowset: new RowSet(spec.param, spec.rows), store: new RowStore(spec.rows, widths), remapped: new Map(), members: [] };
      this.tables.push(table);
      group.forEach((i, k) => members.set(i, { table, k }));
    }
    this.fetch = ["loss", ...heldInputs.map((i) => `${i.name}.new`)];
    for (const inp of heldInputs) {
      const kind = inp.kind as HeldKind;
      const m = members.get(inp);
      const shape = resolve(inp.name, inp.type.shape, m ? { ...dims, [m.table.symbol]: m.table.spec.rows } : dims);
      const t = m ? new RowHeld(inp.name, kind, shape, m.table.store, m.k) : new DenseHeld(inp.name, kind, shape);
      const views = !inp.parts ? [t] : t instanceof DenseHeld ? carve(t, inp.parts) : carveRows(t, inp.parts);
      for (const v of views) {
        v.init(v === t ? inp.init : inp.parts!.find((p) => p.name === v.name)!.init, seed);
        if (this.byName.has(v.name)) throw new Error(`training graph holds two tensors named ${v.name}`);
        this.views.push(v);
        this.byName.set(v.name, v);
      }
      const h: Held = { t, table: m?.table, rowsBuf: new Float32Array(0) };
      if (m) m.table.members[m.k] = h;
      this.held.push(h);
      this.byInput.set(inp.name, h);
    }
  }

  static async create(opts: StepExecutorOptions): Promise<StepExecutor> {
    const signature = "nodes" in opts.signature ? stepSignature(opts.signature) : opts.signature;
    const session = opts.model instanceof Uint8Array
      ? await createSession(opts.model, { device: opts.device, threads: opts.threads ?? 1, spinning: opts.spinning ?? false })
      : opts.model;
    return new StepExecutor(session.ort, signature, opts.seed, opts.dims ?? {}, opts.sparse ?? []);
  }

  /** Runs one step on `batch`. Returns the loss; a non-finite loss leaves every held value unchanged. */
  async run(batch: Batch, hypers: Record<string, number>): Promise<number> {
    const t0 = performance.now();
    const feeds: Record<string, ort.Tensor> = {};
    const env: Record<string, number> = {};
    try {
      for (const t of this.tables) {
        this.collectRows(t, batch, env);
        this.gatherRows(t);
      }
      for (const inp of this.signature.inputs) {
        if (inp.kind === "data") feeds[inp.name] = this.dataTensor(inp, batch, env);
      }
      for (const inp of this.signature.inputs) {
        if (HELD_KINDS.has(inp.kind)) feeds[inp.name] = this.heldTensor(this.byInput.get(inp.name)!);
        else if (inp.kind === "hyper") feeds[inp.name] = this.hyperTensor(inp, hypers);
        else if (inp.kind === "noise") feeds[inp.name] = this.noiseTensor(inp, env);
      }
      const fetch = this.fetch;
      const t1 = performance.now();
      let out: ort.InferenceSession.ReturnType;
      try {
        out = await this.session.run(feeds, fetch);
      } catch (e) {
        throw new RuntimeUserError(`onnxruntime failed in training step ${this.step + 1}: ${shortOrtMessage(e)}`);
      }
      const t2 = performance.now();
      const loss = Number((out.loss.data as Float32Array)[0]);
      if (Number.isFinite(loss)) {
        for (const h of this.held) if (!h.table) this.commit(h, out[`${h.t.name}.new`]);
        for (const t of this.tables) this.scatterRows(t, out);
        this.step++;
      }
      for (const name of fetch) out[name].dispose();
      this.timing.feed += t1 - t0;
      this.timing.run += t2 - t1;
      this.timing.commit += performance.now() - t2;
      return loss;
    } finally {
      for (const t of this.tables) t.rowset.clear();
    }
  }

  private collectRows(t: Table, batch: Batch, env: Record<string, number>): void {
    // a packed table: part after part, each part's ids are rows base .. base + rows - 1 of the set
    let base = 0;
    for (const part of t.spec.parts ?? [t.spec]) {
      for (const name of part.columns) {
        const col = batch.columns[name];
        if (!col) throw new RuntimeUserError(`batch has no column ${name} (ids of sparse table ${part.param})`);
        if (!(col.data instanceof Int32Array)) throw new RuntimeUserError(`batch column ${name} must hold int32 ids`);
        let buf = t.remapped.get(name) ?? new Int32Array(0);
        if (buf.length < col.data.length) buf = grow(buf, col.data.length);
        t.remapped.set(name, buf);
        try {
          t.rowset.add(name, col.data, buf, base, part.rows, part.param);
        } catch (e) {
          throw e instanceof RangeError ? new RuntimeUserError(e.message) : e;
        }
      }
      base += part.rows;
    }
    env[t.symbol] = t.rowset.count;
  }

  /** Copies the batch's rows of the table and its moments into the members' compact buffers (one pass). */
  private gatherRows(t: Table): void {
    const { ids, count } = t.rowset;
    if (t.store.large) t.store.touch(ids, count);
    for (const h of t.members) {
      const need = count * (h.t as RowHeld).width;
      if (h.rowsBuf.length < need) h.rowsBuf = grow(h.rowsBuf, need);
    }
    t.store.gatherAll(ids, count, t.members.map((h) => h.rowsBuf));
  }

  /** Writes the updated rows of the table and its moments back (one pass). */
  private scatterRows(t: Table, out: ort.InferenceSession.ReturnType): void {
    const { ids, count } = t.rowset;
    const srcs = t.members.map((h) => {
      const src = out[`${h.t.name}.new`].data as Float32Array, want = count * (h.t as RowHeld).width;
      if (src.length !== want) throw new Error(`output ${h.t.name}.new has ${src.length} values, expected ${want}`);
      return src;
    });
    // the rows are usually still cached, but their TLB entries are not: prefetch again before writing
    if (t.store.large) t.store.touch(ids, count);
    t.store.scatterAll(ids, count, srcs);
  }

  private dataTensor(inp: StepInput, batch: Batch, env: Record<string, number>): ort.Tensor {
    const col = batch.columns[inp.name];
    if (!col) throw new RuntimeUserError(`batch has no column ${inp.name}, which the training graph reads`);
    const want = inp.type.dtype === "i32" ? Int32Array : inp.type.dtype === "f32" ? Float32Array : undefined;
    if (!want || !(col.data instanceof want)) {
      throw new RuntimeUserError(`batch column ${inp.name} is ${col.data.constructor.name}, the training graph expects ${inp.type.dtype}`);
    }
    const declared = inp.type.shape;
    if (declared.length !== col.shape.length) {
      throw new RuntimeUserError(`batch column ${inp.name} has shape [${col.shape}], the training graph expects rank ${declared.length}`);
    }
    declared.forEach((d, i) => {
      const symbol = typeof d === "string" && !d.includes("*");
      const bound = typeof d === "number" ? d : symbol ? env[d as string] : undefined;
      if (bound !== undefined && bound !== col.shape[i]) {
        throw new RuntimeUserError(`batch column ${inp.name} has shape [${col.shape}], the training graph expects [${declared}]`);
      }
      if (symbol) env[d as string] = col.shape[i];
    });
    const table = this.tables.find((t) => t.spec.columns.includes(inp.name));
    const data = table ? table.remapped.get(inp.name)!.subarray(0, col.data.length) : col.data;
    return new ort.Tensor(data instanceof Int32Array ? "int32" : "float32", data, col.shape);
  }

  private heldTensor(h: Held): ort.Tensor {
    const t = h.t;
    if (t instanceof DenseHeld) return (h.fed ??= new ort.Tensor("float32", t.data, t.shape));
    const count = h.table!.rowset.count, need = count * t.width;
    return new ort.Tensor("float32", h.rowsBuf.subarray(0, need), [count, ...t.shape.slice(1)]);
  }

  /** opt.step is the executor's (1-based); others come from `hypers`, else from a constant InitSpec. */
  private hyperTensor(inp: StepInput, hypers: Record<string, number>): ort.Tensor {
    const name = inp.name;
    const fallback = inp.init?.kind === "constant" ? inp.init.value : undefined;
    const v = name === "opt.step" ? this.step + 1 : hypers[name] ?? fallback;
    if (v === undefined) throw new Error(`no value for hyper-parameter ${name} of the training graph`);
    let buf = this.scalar.get(name);
    if (!buf) this.scalar.set(name, (buf = new Float32Array(1)));
    buf[0] = v;
    return new ort.Tensor("float32", buf, []);
  }

  private noiseTensor(inp: StepInput, env: Record<string, number>): ort.Tensor {
    const shape = resolve(inp.name, inp.type.shape, env);
    const n = shape.reduce((a, b) => a * b, 1);
    let buf = this.noise.get(inp.name) ?? new Float32Array(0);
    if (buf.length < n) this.noise.set(inp.name, (buf = grow(buf, n)));
    const view = buf.subarray(0, n);
    fillNoise(view, inp.init, this.seed, this.step + 1, inp.name);
    return new ort.Tensor("float32", view, shape);
  }

  private commit(h: Held, out: ort.Tensor): void {
    const src = out.data as Float32Array, t = h.t as DenseHeld;
    if (src.length !== t.size) throw new Error(`output ${t.name}.new has ${src.length} values, expected ${t.size}`);
    t.data.set(src);
  }

  /** Every held tensor (params, buffers, optimizer state): read them as contiguous tensors. */
  tensors(): HeldTensor[] {
    return [...this.views];
  }

  /** Copies of the params and buffers by name. */
  getParams(): Record<string, { kind: HeldKind; shape: number[]; data: Float32Array }> {
    const out: Record<string, { kind: HeldKind; shape: number[]; data: Float32Array }> = {};
    for (const t of this.views) if (t.kind !== "state") out[t.name] = { kind: t.kind, shape: t.shape, data: t.read() };
    return out;
  }

  /** Copies values into held tensors by name; names must exist and sizes match. */
  setParams(values: Record<string, { data: Float32Array; shape?: number[] }>): void {
    for (const [name, v] of Object.entries(values)) {
      const h = this.byName.get(name);
      if (!h) throw new RuntimeUserError(`the training graph has no param, buffer or state named ${name}`);
      if (v.data.length !== h.size || (v.shape && v.shape.join() !== h.shape.join())) {
        throw new RuntimeUserError(`${name}: shape [${v.shape ?? v.data.length}] does not match [${h.shape}]`);
      }
      h.write(v.data);
    }
  }

  /** What a checkpoint needs: the step count, the seed, and every held tensor. */
  state(): { step: number; seed: number; tensors: HeldTensor[] } {
    return { step: this.step, seed: this.seed, tensors: this.tensors() };
  }

  /** Restores a checkpoint: the step count and every held tensor (all must be present). */
  loadState(s: { step: number; tensors: { name: string; data: Float32Array; shape?: number[] }[] }): void {
    const missing = this.views.filter((h) => !s.tensors.some((t) => t.name === h.name)).map((h) => h.name);
    if (missing.length) throw new RuntimeUserError(`checkpoint lacks ${missing.join(", ")}`);
    this.setParams(Object.fromEntries(s.tensors.map((t) => [t.name, t])));
    this.step = s.step;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

function resolve(name: string, shape: Dim[], env: Record<string, number>): number[] {
  try {
    return bindShape(shape, env);
  } catch (e) {
    throw new Error(`${name}: ${(e as Error).message}`);
  }
}

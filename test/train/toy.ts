// Shared fixtures for the training tests: a toy item dataset with a learnable label, a seeded batch source
// that can start at any batch index, and a StepExecutor over the hand-built logistic-regression step.
import type { Batch } from "../../src/data/batch.js";
import { emitModel, serializeModel } from "../../src/codegen/onnx/index.js";
import { StepExecutor } from "../../src/runtime/train-step.js";
import { deriveSeed, Prng } from "../../src/train/prng.js";
import { logRegStep, type LogRegOptions } from "./logreg.js";

/** `rows` samples over items 1..items-1 (0 is padding); label 1 when the item id is divisible by 3. */
export class ToyBatches {
  readonly batchesPerEpoch: number;
  private readonly ids: Int32Array;
  private readonly labels: Float32Array;
  private readonly order: Int32Array;

  constructor(readonly rows: number, readonly items: number, readonly batchSize: number, readonly seed: number) {
    this.batchesPerEpoch = Math.ceil(rows / batchSize);
    this.ids = new Int32Array(batchSize);
    this.labels = new Float32Array(batchSize);
    this.order = new Int32Array(rows);
  }

  *epoch(epoch: number, start: number): Generator<Batch> {
    const rng = new Prng(deriveSeed(this.seed, "shuffle", epoch));
    for (let i = 0; i < this.rows; i++) this.order[i] = i;
    for (let i = this.rows - 1; i > 0; i--) {
      const j = rng.nextU32() % (i + 1);
      [this.order[i], this.order[j]] = [this.order[j], this.order[i]];
    }
    for (let b = start; b < this.batchesPerEpoch; b++) {
      const from = b * this.batchSize, size = Math.min(this.batchSize, this.rows - from);
      for (let r = 0; r < size; r++) {
        const id = 1 + ((this.order[from + r] * 7919) % (this.items - 1));
        this.ids[r] = id;
        this.labels[r] = id % 3 === 0 ? 1 : 0;
      }
      yield {
        size,
        columns: {
          item_id: { data: this.ids.subarray(0, size), shape: [size] },
          label: { data: this.labels.subarray(0, size), shape: [size] },
        },
      };
    }
  }
}

export interface ToyExecutorOptions extends Omit<LogRegOptions, "sparseSymbol"> {
  sparse?: boolean;
  seed?: number;
}

export async function toyExecutor(o: ToyExecutorOptions): Promise<StepExecutor> {
  const g = logRegStep({ ...o, sparseSymbol: o.sparse ? "rows_emb.item_id" : undefined });
  return StepExecutor.create({
    model: serializeModel(emitModel(g, { name: "logreg_step" })),
    signature: g,
    sparse: o.sparse ? [{ param: "emb.item_id", columns: ["item_id"], rows: o.rows }] : [],
    seed: o.seed ?? 1,
    threads: 1,
  });
}

export function snapshot(ex: StepExecutor): Record<string, Float32Array> {
  return Object.fromEntries(ex.tensors().map((t) => [t.name, t.read()]));
}

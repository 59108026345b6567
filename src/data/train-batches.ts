// Training batches for the three matching modes, per training.md §3.1 with its defects fixed:
//   mode 0 (point-wise): each positive gives one label-1 row and negRatio label-0 rows (the target replaced
//          by a sampled negative); rows are shuffled together.
//   mode 1 (pair-wise):  one row per positive with neg_item_id (B,1) (negRatio is forced to 1).
//   mode 2 (list-wise):  one row per positive with neg_item_id (B,N), N = negRatio.
// Every row has item_logq (B) = ln(share of training interactions) of its item_id.
// Negatives are drawn per batch from a PRNG seeded by (seed, epoch, batch index), so any batch can be
// rebuilt without replaying the ones before it (resume), and a given seed always yields the same batches.
import { ColumnBuffers, type Batch, type ColumnSpec } from "./batch.js";
import { ItemWriter, NegativeWriter, UserWriter, itemColumnSpecs, negativeColumnSpecs, userColumnSpecs } from "./columns.js";
import { DataError } from "./errors.js";
import type { Padding } from "./history.js";
import type { NegativeSampler } from "./negatives.js";
import type { MatchData } from "./prepare.js";
import { Rng, mixSeed, permutation } from "./rng.js";

export type TrainMode = 0 | 1 | 2;

export interface TrainBatchOptions {
  mode: TrainMode;
  batchSize: number;
  /** History length L. */
  maxLen: number;
  /** Default "pre" (items right-aligned). */
  padding?: Padding;
  /** Mode 0: label-0 rows per positive; mode 2: negatives per row (default 3); mode 1: always 1. */
  negRatio?: number;
  /** Needed whenever negatives are drawn (mode 0 with negRatio > 0, modes 1 and 2). */
  sampler?: NegativeSampler;
  seed: number;
  /** Default true. */
  shuffle?: boolean;
  /** Drop a last batch smaller than batchSize (default false). */
  dropLast?: boolean;
}

const SHUFFLE_STREAM = 0x5f3759df;

export class TrainBatches {
  readonly mode: TrainMode;
  readonly negRatio: number;
  /** Rows per epoch. */
  readonly rows: number;
  readonly batchesPerEpoch: number;
  readonly specs: ColumnSpec[];
  private readonly opts: TrainBatchOptions;
  private readonly buf: ColumnBuffers;
  private readonly perm: Int32Array | null;
  private permEpoch = -1;
  private readonly userW: UserWriter;
  private readonly itemW: ItemWriter;
  private readonly negW: NegativeWriter | null;

  constructor(private readonly data: MatchData, options: TrainBatchOptions) {
    const { mode, batchSize, maxLen } = options;
    if (mode !== 0 && mode !== 1 && mode !== 2) throw new DataError(`unknown training mode ${String(mode)} (expected 0, 1 or 2)`);
    if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new DataError(`batch size must be a positive integer, got ${batchSize}`);
    if (!(Number.isInteger(maxLen) && maxLen > 0)) throw new DataError(`history length must be a positive integer, got ${maxLen}`);
    const negRatio = mode === 1 ? 1 : options.negRatio ?? 3;
    if (!(Number.isInteger(negRatio) && negRatio >= 0)) throw new DataError(`negative ratio must be an integer >= 0, got ${negRatio}`);
    if (mode === 2 && negRatio < 1) throw new DataError("list-wise training (mode 2) needs a negative ratio of at least 1");
    if (negRatio > 0 && !options.sampler) throw new DataError(`training mode ${mode} with ${negRatio} negatives needs a negative sampler`);
    const positives = data.split.train.length;
    if (positives === 0) throw new DataError(`${data.log.source}: no training samples (every user has too few interactions)`);
    this.mode = mode;
    this.negRatio = negRatio;
    this.opts = options;
    this.rows = mode === 0 ? positives * (1 + negRatio) : positives;
    const full = Math.floor(this.rows / batchSize);
    this.batchesPerEpoch = options.dropLast || this.rows % batchSize === 0 ? full : full + 1;
    this.specs = [...userColumnSpecs(data, maxLen), ...itemColumnSpecs(data)];
    if (mode === 0) this.specs.push({ name: "label", dtype: "float32", width: 0 });
    else this.specs.push(...negativeColumnSpecs(data, negRatio));
    this.specs.push({ name: "item_logq", dtype: "float32", width: 0 });
    this.buf = new ColumnBuffers(this.specs, batchSize);
    this.perm = options.shuffle === false ? null : new Int32Array(this.rows);
    const padding = options.padding ?? "pre";
    if (padding !== "pre" && padding !== "post") throw new DataError(`padding must be "pre" or "post", got "${String(padding)}"`);
    this.userW = new UserWriter(data, this.buf, maxLen, padding);
    this.itemW = new ItemWriter(data, this.buf);
    this.negW = mode === 0 ? null : new NegativeWriter(data, this.buf, negRatio);
  }

  /**
   * The batches of one epoch, starting at batch `startBatch` (for resume). The yielded Batch shares its
   * buffers with the next one: use or copy it before asking for the next.
   */
  *epoch(epoch: number, startBatch = 0): Generator<Batch> {
    if (this.perm && this.permEpoch !== epoch) {
      permutation(this.perm, this.rows, new Rng(mixSeed(this.opts.seed, epoch, SHUFFLE_STREAM)));
      this.permEpoch = epoch;
    }
    for (let b = startBatch; b < this.batchesPerEpoch; b++) yield this.batch(epoch, b);
  }

  /** Builds batch `index` of `epoch` (deterministic; the permutation of that epoch must be current). */
  private batch(epoch: number, index: number): Batch {
    const bs = this.opts.batchSize;
    const from = index * bs;
    const size = Math.min(bs, this.rows - from);
    const rng = new Rng(mixSeed(this.opts.seed, epoch, index));
    const { timeline: tl, split, logq } = this.data;
    const sampler = this.opts.sampler;
    const per = 1 + this.negRatio;
    const logqOut = this.buf.float("item_logq");
    const label = this.mode === 0 ? this.buf.float("label") : null;
    for (let r = 0; r < size; r++) {
      const q = this.perm ? this.perm[from + r]! : from + r;
      const pos = this.mode === 0 ? Math.floor(q / per) : q;
      const p = split.train[pos]!;
      const u = tl.user[p]!;
      this.userW.write(r, u, tl.start[u]!, p);
      let item = tl.item[p]!;
      if (label) {
        const isPositive = q % per === 0;
        if (!isPositive) item = sampler!.draw(u, rng);
        label[r] = isPositive ? 1 : 0;
      } else {
        sampler!.fill(u, rng, this.negW!.items, r * this.negRatio, this.negRatio);
        this.negW!.writeSide(r);
      }
      this.itemW.write(r, item);
      logqOut[r] = logq[item]!;
    }
    return this.buf.view(size);
  }
}

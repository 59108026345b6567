// Inference batches: the user side of an evaluation set (one row per held-out user, history up to the cut)
// and the whole item catalogue (ids 2..numItems-1, in id order). Row order = set order, so results map back
// by position.
import { ColumnBuffers, type Batch } from "./batch.js";
import { ItemWriter, UserWriter, itemColumnSpecs, userColumnSpecs } from "./columns.js";
import { DataError } from "./errors.js";
import type { Padding } from "./history.js";
import type { MatchData } from "./prepare.js";
import type { EvalSet } from "./splits.js";
import { FIRST_ID } from "./vocab.js";

export interface EvalBatchOptions {
  batchSize: number;
  maxLen: number;
  padding?: Padding;
}

/** User-side batches of an evaluation set (buffers are reused: consume each batch before the next). */
export function* evalUserBatches(data: MatchData, set: EvalSet, options: EvalBatchOptions): Generator<Batch> {
  const { batchSize, maxLen } = options;
  if (!(batchSize > 0 && maxLen > 0)) throw new DataError("batch size and history length must be positive");
  const buf = new ColumnBuffers(userColumnSpecs(data, maxLen), batchSize);
  const w = new UserWriter(data, buf, maxLen, options.padding ?? "pre");
  const start = data.timeline.start;
  for (let from = 0; from < set.user.length; from += batchSize) {
    const size = Math.min(batchSize, set.user.length - from);
    for (let r = 0; r < size; r++) {
      const u = set.user[from + r]!;
      w.write(r, u, start[u]!, set.histEnd[from + r]!);
    }
    yield buf.view(size);
  }
}

/** Item-side batches over the whole catalogue: row k of the concatenation is item id k + 2. */
export function* itemCatalogBatches(data: MatchData, batchSize: number): Generator<Batch> {
  const buf = new ColumnBuffers(itemColumnSpecs(data), batchSize);
  const w = new ItemWriter(data, buf);
  for (let from = FIRST_ID; from < data.numItems; from += batchSize) {
    const size = Math.min(batchSize, data.numItems - from);
    for (let r = 0; r < size; r++) w.write(r, from + r);
    yield buf.view(size);
  }
}

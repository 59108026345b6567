// One call from a log to everything the batch makers need: timeline, split, item statistics, positives.
import type { InteractionLog } from "./log.js";
import { itemCounts, itemLogQ } from "./counts.js";
import { NegativeSampler, type SamplerOptions } from "./negatives.js";
import { PositiveSets } from "./positives.js";
import { leaveLastOut, timeSplit, type Split, type TimeSplitOptions } from "./splits.js";
import { buildTimeline, type Timeline } from "./timeline.js";

export type SplitKind = "leave-last-out" | "time";

export interface PrepareOptions extends TimeSplitOptions {
  /** Default "leave-last-out". testFraction / validFraction apply to "time". */
  split?: SplitKind;
}

export interface MatchData {
  log: InteractionLog;
  timeline: Timeline;
  split: Split;
  /** Item vocabulary size (real items are 2..numItems-1). */
  numItems: number;
  /** Training-region count per item id. */
  counts: Float64Array;
  /** ln(count / total) per item id (see counts.ts). */
  logq: Float32Array;
  positives: PositiveSets;
}

export function prepareMatchData(log: InteractionLog, options: PrepareOptions = {}): MatchData {
  const timeline = buildTimeline(log);
  const split = (options.split ?? "leave-last-out") === "time" ? timeSplit(timeline, options) : leaveLastOut(timeline, options);
  const numItems = log.vocab.feature("item_id").size;
  const counts = itemCounts(timeline, split, numItems);
  return { log, timeline, split, numItems, counts, logq: itemLogQ(counts), positives: PositiveSets.fromSplit(timeline, split) };
}

/** A negative sampler over the catalogue of `data`, excluding each user's training positives. */
export function makeSampler(data: MatchData, options: SamplerOptions): NegativeSampler {
  const users = data.log.vocab.feature("user_id");
  return new NegativeSampler(data.numItems, data.counts, data.positives, options, (u) => JSON.stringify(users.decode(u) ?? `#${u}`));
}

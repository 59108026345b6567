// The non-learned reference rows of every metrics table: most-popular and item-transition rankings scored
// with the same metric functions as the models.
import { itemTransitionRanking, mostPopularRanking, truthLists, type EvalSet, type MatchData } from "../data/index.js";
import type { ModelMetrics } from "../eval/table.js";
import { computeTopKMetrics } from "../retrieval/metrics.js";

export function baselineMetrics(data: MatchData, set: EvalSet, ks: number[], maskSeen = true): ModelMetrics[] {
  const k = Math.max(...ks);
  const truth = truthLists(set);
  const opts = { excludeSeen: maskSeen };
  return [
    { name: "MostPopular", metrics: computeTopKMetrics(truth, mostPopularRanking(data, set, k, opts), ks) },
    { name: "ItemTransition", metrics: computeTopKMetrics(truth, itemTransitionRanking(data, set, k, opts), ks) },
  ];
}

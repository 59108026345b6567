// `rech evaluate` and `rech recommend`: user vectors from the exported user tower (run on its own), item
// vectors from the model directory, full-ranking top-K over the whole catalogue.
import { evalUserBatches, truthLists, type EvalSet, type MatchData } from "../data/index.js";
import { evaluateRanking, type RankingResult } from "../eval/ranking.js";
import { computeUserEmbeddings } from "../export/index.js";
import { createSession, releaseSession } from "../runtime/index.js";
import { seenLists } from "./towers.js";
import type { TrainedModel } from "./trained.js";

export async function rankUsers(m: TrainedModel, data: MatchData, set: EvalSet, opts: { ks?: number[]; maskSeen?: boolean }): Promise<RankingResult> {
  const session = await createSession(m.info.userTower);
  try {
    const users = await computeUserEmbeddings(session, evalUserBatches(data, set, { batchSize: 1024, maxLen: m.maxLen, padding: m.padding }));
    return await evaluateRanking({
      userVecs: users, itemVecs: { data: m.items.vectors, shape: [m.items.count, m.items.dim] }, itemIds: m.items.ids,
      truth: truthLists(set), seen: seenLists(data, set), maskSeen: opts.maskSeen ?? true, ks: opts.ks,
    });
  } finally {
    await releaseSession(session);
  }
}

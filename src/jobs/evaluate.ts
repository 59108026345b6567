// `rech evaluate` and `rech recommend`: user vectors from the exported user tower (run on its own), item
// vectors from the model directory, full-ranking top-K over the whole catalogue.
import { evalUserBatches, type EvalSet, type MatchData } from "../data/index.js";
import type { RankingResult } from "../eval/ranking.js";
import { computeUserEmbeddings } from "../export/index.js";
import { createSession, releaseSession } from "../runtime/index.js";
import { rankSet } from "./towers.js";
import type { TrainedModel } from "./trained.js";

export async function rankUsers(m: TrainedModel, data: MatchData, set: EvalSet, opts: { ks?: number[]; maskSeen?: boolean }): Promise<RankingResult> {
  const session = await createSession(m.info.userTower);
  try {
    const users = await computeUserEmbeddings(session, evalUserBatches(data, set, { batchSize: 1024, maxLen: m.maxLen, padding: m.padding }));
    return await rankSet(data, set, users, { data: m.items.vectors, shape: [m.items.count, m.items.dim] }, m.items.ids, opts);
  } finally {
    await releaseSession(session);
  }
}

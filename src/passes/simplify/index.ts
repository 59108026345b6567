// simplify: identity removal, constant folding, algebraic identities, CSE and DCE to a bounded fixpoint.
import type { Graph } from "../../ir/graph.js";
import { algebraic } from "./algebra.js";
import { elideBroadcasts } from "./broadcast.js";
import { cse } from "./cse.js";
import { dce } from "./dce.js";
import { foldConstants, FOLD_LIMIT } from "./fold.js";
import { removeIdentities } from "./identity.js";
import type { Pass, PassResult } from "./pass.js";

export const SIMPLIFY_PASSES: readonly [string, Pass][] = [
  ["remove-identities", removeIdentities],
  ["fold-constants", foldConstants],
  ["algebraic", algebraic],
  ["elide-broadcasts", elideBroadcasts],
  ["cse", cse],
  ["dce", dce],
];

export function simplify(g: Graph, maxRounds = 8): PassResult & { rounds: number } {
  let graph = g, changed = false, rounds = 0;
  while (rounds < maxRounds) {
    rounds++;
    let any = false;
    for (const [, pass] of SIMPLIFY_PASSES) {
      const r = pass(graph);
      graph = r.graph;
      any ||= r.changed;
    }
    changed ||= any;
    if (!any) break;
  }
  return { graph: changed ? graph : g.clone(), changed, rounds };
}

export { algebraic, elideBroadcasts, cse, dce, foldConstants, removeIdentities, FOLD_LIMIT };
export { substitute, type Pass, type PassResult } from "./pass.js";

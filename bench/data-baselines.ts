// Most-popular vs item-transition baselines on the default built-in dataset (leave-last-out test set).
// Run: node --import tsx bench/data-baselines.ts [--size default|small] [--seed N]
import { itemTransitionRanking, mostPopularRanking } from "../src/data/baselines.js";
import { generateBuiltin, type BuiltinSize } from "../src/data/builtin.js";
import { prepareMatchData } from "../src/data/prepare.js";
import { truthLists } from "../src/data/splits.js";
import { computeTopKMetrics } from "../src/retrieval/metrics.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const size = arg("size", "default") as BuiltinSize;
const seed = Number(arg("seed", "2022"));
let t = performance.now();
const log = generateBuiltin({ size, seed });
const genMs = performance.now() - t;
t = performance.now();
const data = prepareMatchData(log);
const prepMs = performance.now() - t;
console.log(
  `built-in ${size} (seed ${seed}): ${log.size} interactions, ${log.vocab.feature("user_id").size - 2} users, ` +
    `${data.numItems - 2} items, ${log.vocab.feature("cate_id").size - 2} categories; generated in ${genMs.toFixed(0)} ms, ` +
    `split in ${prepMs.toFixed(0)} ms; ${data.split.train.length} training targets, ${data.split.test.user.length} test users`,
);
const ks = [10, 50];
const truth = truthLists(data.split.test);
const cols = ["recall@10", "recall@50", "ndcg@10", "ndcg@50", "hitrate@50", "mrr@50"];
console.log(`| baseline | seen items | ${cols.join(" | ")} |`);
console.log(`|---|---|${cols.map(() => "---").join("|")}|`);
for (const excludeSeen of [false, true]) {
  for (const [name, rank] of [
    ["most-popular", mostPopularRanking],
    ["item-transition", itemTransitionRanking],
  ] as const) {
    const m = computeTopKMetrics(truth, rank(data, data.split.test, 50, { excludeSeen }), ks);
    console.log(`| ${name} | ${excludeSeen ? "excluded" : "kept"} | ${cols.map((c) => m[c]!.toFixed(4)).join(" | ")} |`);
  }
}

// faiss HNSW against exact search on a trained model's embeddings: the test users' vectors (exported user
// tower) query the item vectors; prints recall@10 of HNSW's top-10 w.r.t. the exact top-10 per efSearch.
//   node --import tsx bench/hnsw-recall.ts --model-dir runs/demo/YoutubeDNN
import { evalUserBatches } from "../src/data/index.js";
import { computeUserEmbeddings } from "../src/export/index.js";
import { trainedData, openTrained } from "../src/jobs/trained.js";
import { buildIndex } from "../src/retrieval/index/create.js";
import { FaissIndex } from "../src/retrieval/index/faiss-index.js";
import { createSession, releaseSession } from "../src/runtime/index.js";
import { recallAt } from "../test/retrieval/helpers.js";

const i = process.argv.indexOf("--model-dir");
const dir = i >= 0 ? process.argv[i + 1]! : "runs/demo/YoutubeDNN";
const m = openTrained(dir);
const data = await trainedData(m);
const session = await createSession(m.info.userTower);
const users = await computeUserEmbeddings(session, evalUserBatches(data, data.split.test, { batchSize: 1024, maxLen: m.maxLen, padding: m.padding }));
await releaseSession(session);
const nq = users.shape[0]! * users.shape[1]!, d = m.items.dim, k = 10;
const exact = buildIndex({ kind: "exact" }, m.items.vectors, m.items.count, d).search(users.data, nq, k);
const hnsw = buildIndex({ kind: "faiss-hnsw", M: 32, efConstruction: 200, efSearch: 16 }, m.items.vectors, m.items.count, d) as FaissIndex;
console.log(`${dir}: ${m.items.count} items x ${d}, ${nq} user queries`);
for (const ef of [16, 32, 64, 128, 256]) {
  hnsw.setSearchParams({ efSearch: ef });
  const t0 = performance.now();
  const got = hnsw.search(users.data, nq, k);
  const ms = performance.now() - t0;
  console.log(`efSearch ${String(ef).padStart(3)}: recall@10 vs exact ${recallAt(got.ids, exact.ids, nq, k).toFixed(4)}  (${((nq / ms) * 1000).toFixed(0)} queries/s)`);
}

// An inference worker: owns one onnxruntime session of the user tower and one index handle; answers jobs
// one at a time (the pool never sends a second job before the reply).
import { parentPort, workerData } from "node:worker_threads";
import { createSession, runGraph, type Session } from "../../runtime/index.js";
import { ItemCatalog } from "../catalog.js";
import { ExactIndex, loadIndex, type VectorIndex } from "../index/index.js";
import { retrieve } from "../retrieve.js";
import type { Job, WorkerInit, WorkerReply } from "./protocol.js";

const init = workerData as WorkerInit;
const port = parentPort!;
const post = (m: WorkerReply): void => port.postMessage(m);

let session: Session;
let index: VectorIndex | undefined;
let catalog: ItemCatalog;
try {
  session = await createSession(init.userTower, { threads: init.threads });
  const src = init.index;
  index = src.kind === "shared" ? ExactIndex.fromVectors(src.dim, src.vectors, src.count) : src.kind === "file" ? loadIndex(src.path) : undefined;
  if (index && index.count !== init.ids.length) throw new Error(`the index has ${index.count} rows but items.json lists ${init.ids.length} items`);
  catalog = new ItemCatalog(init.ids);
  post({ type: "ready", indexKind: index?.kind ?? "main" });
} catch (e) {
  post({ type: "failed", message: (e as Error).message });
  process.exit(1);
}

port.on("message", (job: Job) => {
  void answer(job).then(post, (e: unknown) => post({ type: "error", id: job.id, message: (e as Error).message }));
});

async function answer(job: Job): Promise<WorkerReply> {
  const out = await runGraph(session, job.feeds, ["user_vec"]);
  const vec = out.user_vec!;
  const dim = vec.shape[vec.shape.length - 1];
  const interests = vec.shape.length === 3 ? vec.shape[1]! : 1;
  const data = vec.data instanceof Float32Array ? vec.data : Float32Array.from(vec.data);
  if (!index) return { type: "vector", id: job.id, data, interests };
  if (dim !== index.dim || vec.shape[0] !== 1 || vec.shape.length > 3 || interests !== init.interests) {
    const want = init.interests === 1 ? `[1, ${index.dim}]` : `[1, ${init.interests}, ${index.dim}]`;
    throw new Error(`user_vec has shape [${vec.shape.join(", ")}], expected ${want} (model.json and the item store)`);
  }
  const seen = job.seen;
  const rec = retrieve(index, catalog, data, 1, { k: job.k, interests, ...(seen ? { seen: () => seen } : {}) });
  return { type: "done", id: job.id, items: rec.items, scores: rec.scores };
}

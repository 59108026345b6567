// Entry of every inference worker thread: registers tsx in this thread (Node 20 does not pass --import
// loaders to workers), then loads worker.ts. Works the same under `node --import tsx`, bin/rech.js and vitest.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);

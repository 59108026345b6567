// Messages between the server (main thread) and its inference workers.
import type { Feed } from "./request.js";

/** Where a worker gets its index: exact search over shared item vectors, or a saved index file of its own. */
export type IndexSource = { kind: "shared"; vectors: Float32Array; count: number; dim: number } | { kind: "file"; path: string };

export interface WorkerInit {
  /** file URL of worker.ts (worker-boot.mjs imports it after registering tsx) */
  entry: string;
  userTower: string;
  interests: number;
  /** encoded item id of each index row (SharedArrayBuffer-backed) */
  ids: Int32Array;
  index: IndexSource;
  /** onnxruntime intra-op threads per worker */
  threads: number;
}

export interface Job {
  id: number;
  feeds: Record<string, Feed>;
  k: number;
  seen?: Int32Array;
}

export type WorkerReply =
  | { type: "ready"; indexKind: string }
  | { type: "failed"; message: string }
  | { type: "done"; id: number; items: Int32Array; scores: Float32Array }
  | { type: "error"; id: number; message: string };

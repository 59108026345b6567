// Messages between the server (main thread) and its inference workers.
import type { Feed } from "./request.js";

/**
 * Where a worker gets its index: exact search over shared item vectors, a saved (exact) index file of its
 * own, or none ("main": the worker returns the user vector and the main thread searches). faiss indexes are
 * always searched on the main thread: faiss-node's addon is not safe in worker threads (its static
 * constructors belong to the main thread's V8 isolate; using them from a worker aborts the process).
 */
export type IndexSource =
  | { kind: "shared"; vectors: Float32Array; count: number; dim: number }
  | { kind: "file"; path: string }
  | { kind: "main" };

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
  | { type: "vector"; id: number; data: Float32Array; interests: number }
  | { type: "error"; id: number; message: string };

// A fixed pool of inference workers. Each worker has at most one job in flight; further jobs wait in a
// bounded queue. A worker that dies is replaced and its job fails (the server answers 500, keeps serving).
import { Worker } from "node:worker_threads";
import type { Job, WorkerInit, WorkerReply } from "./protocol.js";

/** Ranked items, or (index searched on the main thread) the user's vectors, interests x d. */
export type JobResult = { items: Int32Array; scores: Float32Array } | { vector: Float32Array; interests: number };

export class PoolBusyError extends Error {}

interface Slot {
  worker: Worker;
  job?: { id: number; resolve: (r: JobResult) => void; reject: (e: Error) => void };
}

type Pending = { job: Job; resolve: (r: JobResult) => void; reject: (e: Error) => void };

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closing = false;
  private starting = 0;
  indexKind = "";

  private constructor(private readonly init: WorkerInit, private readonly maxQueue: number) {}

  /** Starts `size` workers and waits until each has loaded the model and index (or one fails). */
  static async start(init: WorkerInit, size: number, maxQueue = 1024): Promise<WorkerPool> {
    const pool = new WorkerPool(init, maxQueue);
    try {
      await Promise.all(Array.from({ length: size }, () => pool.spawn()));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  run(job: Omit<Job, "id">): Promise<JobResult> {
    return new Promise((resolve, reject) => {
      const full = { ...job, id: this.nextId++ };
      const idle = this.slots.find((s) => !s.job);
      if (this.slots.length === 0 && this.starting === 0) reject(new Error("no inference worker is running"));
      else if (idle) this.dispatch(idle, { job: full, resolve, reject });
      else if (this.queue.length >= this.maxQueue) reject(new PoolBusyError(`server busy: ${this.queue.length} requests waiting`));
      else this.queue.push({ job: full, resolve, reject });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const p of this.queue.splice(0)) p.reject(new Error("server shutting down"));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private dispatch(slot: Slot, p: Pending): void {
    slot.job = { id: p.job.id, resolve: p.resolve, reject: p.reject };
    slot.worker.postMessage(p.job);
  }

  private next(slot: Slot): void {
    slot.job = undefined;
    const p = this.queue.shift();
    if (p) this.dispatch(slot, p);
  }

  private spawn(): Promise<void> {
    this.starting++;
    return new Promise<void>((ready, failed) => {
      const worker = new Worker(new URL("./worker-boot.mjs", import.meta.url), { workerData: this.init });
      const slot: Slot = { worker };
      let started = false;
      worker.on("message", (m: WorkerReply) => {
        if (m.type === "ready") {
          started = true;
          this.indexKind = m.indexKind;
          this.slots.push(slot);
          ready();
          this.next(slot);
        } else if (m.type === "failed") {
          failed(new Error(m.message));
        } else if (slot.job && slot.job.id === m.id) {
          const j = slot.job;
          if (m.type === "done") j.resolve({ items: m.items, scores: m.scores });
          else if (m.type === "vector") j.resolve({ vector: m.data, interests: m.interests });
          else j.reject(new Error(m.message));
          this.next(slot);
        }
      });
      worker.on("error", (e) => {
        if (!started) failed(e);
      });
      worker.on("exit", (code) => {
        if (!started) {
          failed(new Error(`inference worker exited with code ${code} while starting`));
          return;
        }
        const i = this.slots.indexOf(slot);
        if (i >= 0) this.slots.splice(i, 1);
        slot.job?.reject(new Error(`inference worker stopped (exit code ${code})`));
        if (!this.closing) this.spawn().catch(() => undefined);
      });
    }).finally(() => {
      this.starting--;
      if (this.slots.length === 0 && this.starting === 0) {
        for (const p of this.queue.splice(0)) p.reject(new Error("no inference worker is running"));
      }
    });
  }
}

// Lazy access to faiss-node (an optional dependency that scripts/build-faiss.sh builds). Nothing here runs
// until a faiss index is actually requested, so the rest of rech works without it.
import { createRequire } from "node:module";
import { IndexError } from "./types.js";

/** The part of faiss-node's API that rech uses (declared here because the package may be absent). */
export interface FaissHandle {
  ntotal(): number;
  getDimension(): number;
  isTrained(): boolean;
  add(x: number[]): void;
  train(x: number[]): void;
  search(x: number[], k: number): { distances: number[]; labels: number[] };
  write(path: string): void;
}

export interface FaissModule {
  Index: {
    fromFactory(dim: number, description: string, metric?: number): FaissHandle;
    read(path: string): FaissHandle;
  };
}

const BUILD_HINT = "run scripts/build-faiss.sh to build it against the system libfaiss (Debian: libfaiss-dev)";

let loaded: FaissModule | undefined;
let failure: string | undefined;

/** faiss-node, or an IndexError that says how to get it. */
export function loadFaiss(): FaissModule {
  if (loaded) return loaded;
  if (failure === undefined) {
    try {
      loaded = createRequire(import.meta.url)("faiss-node") as FaissModule;
      return loaded;
    } catch (e) {
      failure = firstLine((e as Error).message);
    }
  }
  throw new IndexError(`faiss-node is not available (${failure}); ${BUILD_HINT}`);
}

/** Whether faiss-node loads; `reason` says why not. */
export function faissStatus(): { available: boolean; reason?: string } {
  try {
    loadFaiss();
    return { available: true };
  } catch (e) {
    return { available: false, reason: (e as Error).message };
  }
}

function firstLine(s: string): string {
  const line = s.split("\n")[0] ?? s;
  return line.length > 200 ? line.slice(0, 197) + "..." : line;
}

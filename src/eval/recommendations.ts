// Every user's top-K as TSV with the raw ids of the input data: a header line "user\titem\trank\tscore", then
// one line per (user, rank), rank from 1, score as a float32 with 7 significant digits. Padding (-1, fewer
// items than K) is left out. Written atomically.
import { writeFileAtomic } from "../util/atomic-write.js";
import { EvalError } from "./ranking.js";

/** Encoded id -> raw id: a vocabulary (FeatureVocab has decode) or a function. */
export type RawIds = { decode(id: number): string | undefined } | ((id: number) => string | undefined);

export interface TopK {
  k: number;
  /** (users, k) encoded item ids, best first, -1 = none */
  items: Int32Array;
  scores: Float32Array;
}

/** Raw values of encoded ids (e.g. the users of an evaluation set through the user vocabulary). */
export function decodeIds(ids: ArrayLike<number>, raw: RawIds, what = "id"): string[] {
  const decode = typeof raw === "function" ? raw : (id: number) => raw.decode(id);
  return Array.from(ids, (id) => {
    const s = decode(id);
    if (s === undefined) throw new EvalError(`${what} ${id} has no raw value in the vocabulary (padding or the unseen bucket)`);
    return s;
  });
}

export function formatScore(s: number): string {
  return Number.isFinite(s) ? String(Number(s.toPrecision(7))) : String(s);
}

function checkField(s: string, what: string): string {
  if (/[\t\n\r]/.test(s)) throw new EvalError(`${what} ${JSON.stringify(s)} contains a tab or line break and cannot be written to TSV`);
  return s;
}

/** users[r] = raw id of the user of row r of `top`; items decoded through `itemRaw`. */
export function recommendationsTsv(users: ReadonlyArray<string | number>, itemRaw: RawIds, top: TopK): string[] {
  const { k, items, scores } = top;
  if (items.length !== users.length * k || scores.length !== items.length) {
    throw new EvalError(`${users.length} users x k ${k} needs ${users.length * k} items and scores, got ${items.length} and ${scores.length}`);
  }
  const decode = typeof itemRaw === "function" ? itemRaw : (id: number) => itemRaw.decode(id);
  const chunks: string[] = ["user\titem\trank\tscore\n"];
  let lines: string[] = [];
  for (let u = 0; u < users.length; u++) {
    const user = checkField(String(users[u]), "user id");
    for (let j = 0; j < k; j++) {
      const id = items[u * k + j]!;
      if (id < 0) continue;
      const item = decode(id);
      if (item === undefined) throw new EvalError(`item id ${id} has no raw value in the vocabulary`);
      lines.push(`${user}\t${checkField(item, "item id")}\t${j + 1}\t${formatScore(scores[u * k + j]!)}\n`);
    }
    if (lines.length >= 65536) {
      chunks.push(lines.join(""));
      lines = [];
    }
  }
  chunks.push(lines.join(""));
  return chunks;
}

export function writeRecommendations(path: string, users: ReadonlyArray<string | number>, itemRaw: RawIds, top: TopK): void {
  const enc = new TextEncoder();
  writeFileAtomic(path, recommendationsTsv(users, itemRaw, top).map((c) => enc.encode(c)));
}

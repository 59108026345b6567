// The built-in dataset: a seeded synthetic interaction log with the structure retrieval models learn.
//   items   : C clusters (cate_id); within a cluster, Zipf popularity (weight 1/rank^s);
//             each item has a few "next" items (mostly in its own cluster) with fixed transition weights.
//   users   : gender, age bucket and occupation; the (gender, age) group prefers a few clusters, and the
//             user's K in 1..4 interests (clusters with mixture weights) are drawn mostly from them;
//             occupation leans on the first interest.
//   sequence: the first item comes from the interests; then with probability pFollow the next item is a
//             successor of the current one, else a fresh draw from the interests (cluster by mixture
//             weight, item by Zipf). Items are not repeated within a user. Timestamps increase by
//             exponential gaps (mean one day) from a per-user start.
// Full description and parameters: docs/data.md.
import { AliasTable } from "./alias.js";
import { DataError } from "./errors.js";
import { LogBuilder, type InteractionLog } from "./log.js";
import { Rng } from "./rng.js";

export type BuiltinSize = "default" | "small";

export interface BuiltinParams {
  users: number;
  items: number;
  clusters: number;
  /** Target number of interactions (the result is within a fraction of a percent). */
  interactions: number;
  /** Zipf exponent of the popularity inside a cluster. */
  zipf: number;
  /** Successors per item and their transition weights. */
  successorWeights: number[];
  /** Share of successors drawn from the item's own cluster. */
  successorSameCluster: number;
  /** Probability of following a successor of the current item. */
  pFollow: number;
  /** Probability that an interest comes from the demographic group's favourite clusters. */
  pGroupInterest: number;
}

export const BUILTIN_SIZES: Record<BuiltinSize, BuiltinParams> = {
  default: {
    users: 6000, items: 4000, clusters: 20, interactions: 1_000_000, zipf: 1.0,
    successorWeights: [0.5, 0.3, 0.2], successorSameCluster: 0.8, pFollow: 0.5, pGroupInterest: 0.7,
  },
  small: {
    users: 300, items: 200, clusters: 8, interactions: 15_000, zipf: 1.0,
    successorWeights: [0.5, 0.3, 0.2], successorSameCluster: 0.8, pFollow: 0.5, pGroupInterest: 0.7,
  },
};

export interface BuiltinOptions {
  size?: BuiltinSize;
  seed?: number;
  /** Overrides of the size's parameters. */
  params?: Partial<BuiltinParams>;
}

export const GENDERS = ["F", "M"];
export const AGE_BUCKETS = ["1", "18", "25", "35", "45", "50", "56"];
export const OCCUPATIONS = 21;
const DAY = 86400;
const EPOCH = 1_600_000_000;

export function generateBuiltin(options: BuiltinOptions = {}): InteractionLog {
  const size = options.size ?? "default";
  const base = BUILTIN_SIZES[size];
  if (!base) throw new DataError(`unknown built-in size "${String(size)}" (expected "default" or "small")`);
  const P: BuiltinParams = { ...base, ...options.params };
  const seed = options.seed ?? 2022;
  const rng = new Rng(seed);
  const { items: M, clusters: C, users: U } = P;
  if (!(M >= 2 * C && U >= 1 && C >= 1)) throw new DataError("built-in data: need at least 2 items per cluster and 1 user");

  // Items: cluster sizes vary between 0.5x and 1.5x the mean; raw item ids are shuffled across clusters.
  const sizeW = Array.from({ length: C }, () => 0.5 + rng.next());
  const sw = sizeW.reduce((a, b) => a + b, 0);
  const members: number[][] = Array.from({ length: C }, () => []);
  const order = shuffled(M, rng);
  let k = 0;
  for (let c = 0; c < C; c++) {
    const n = c === C - 1 ? M - k : Math.max(2, Math.round((M * sizeW[c]!) / sw));
    for (let j = 0; j < n && k < M; j++) members[c]!.push(order[k++]!);
  }
  const cluster = new Int32Array(M);
  members.forEach((m, c) => m.forEach((i) => (cluster[i] = c)));
  // Within a cluster, members[c][r] has popularity 1/(r+1)^zipf (members are already in random order).
  const clusterTables = members.map((m) => new AliasTable(m.map((_, r) => 1 / Math.pow(r + 1, P.zipf))));
  const drawFrom = (c: number): number => members[c]![clusterTables[c]!.sample(rng)]!;

  // Successors: distinct, not the item itself, mostly from the same cluster (popularity-weighted).
  const S = P.successorWeights.length;
  const succ = new Int32Array(M * S);
  for (let i = 0; i < M; i++) {
    for (let s = 0; s < S; s++) {
      let j = i;
      for (let t = 0; t < 100 && (j === i || succ.subarray(i * S, i * S + s).includes(j)); t++) {
        const c = rng.next() < P.successorSameCluster ? cluster[i]! : rng.int(C);
        j = drawFrom(c);
      }
      succ[i * S + s] = j;
    }
  }
  const succTable = new AliasTable(P.successorWeights);

  // Demographic groups (gender x age) each favour 3 clusters.
  const groups = GENDERS.length * AGE_BUCKETS.length;
  const favourites = Array.from({ length: groups }, () => shuffled(C, rng).slice(0, Math.min(3, C)));
  const ageTable = new AliasTable([0.04, 0.18, 0.35, 0.2, 0.09, 0.08, 0.06]);

  // Sequence lengths: log-normal around the mean, at least 5, at most half the catalogue; rescaled to the target.
  const mean = P.interactions / U;
  const raw = Array.from({ length: U }, () => Math.exp(0.8 * rng.normal() - 0.32));
  const rs = raw.reduce((a, b) => a + b, 0);
  const maxLen = Math.max(5, Math.floor(M / 2));
  let scale = (U * mean) / rs;
  let lengths: number[] = [];
  for (let iter = 0; iter < 20; iter++) {
    lengths = raw.map((r) => Math.min(maxLen, Math.max(5, Math.round(r * scale))));
    const total = lengths.reduce((a, b) => a + b, 0);
    if (Math.abs(total - P.interactions) <= P.interactions * 0.002) break;
    scale *= P.interactions / total;
  }

  const b = new LogBuilder(`builtin:${size}`, P.interactions + U * 5);
  b.declareSparse("user", "gender");
  b.declareSparse("user", "age");
  b.declareSparse("user", "occupation");
  b.declareSparse("item", "cate_id");
  const seen = new Uint8Array(M);
  const visited: number[] = [];
  for (let u = 0; u < U; u++) {
    const gender = rng.int(GENDERS.length);
    const age = ageTable.sample(rng);
    const fav = favourites[gender * AGE_BUCKETS.length + age]!;
    const K = 1 + new AliasTable([0.25, 0.35, 0.25, 0.15]).sample(rng);
    const interests: number[] = [];
    while (interests.length < Math.min(K, C)) {
      const c = rng.next() < P.pGroupInterest ? fav[rng.int(fav.length)]! : rng.int(C);
      if (!interests.includes(c)) interests.push(c);
    }
    const mix = new AliasTable(interests.map(() => -Math.log(1 - rng.next())));
    const occupation = rng.next() < 0.6 ? (interests[0]! * 5 + age) % OCCUPATIONS : rng.int(OCCUPATIONS);
    const fresh = (): number => {
      for (let t = 0; t < 20; t++) {
        const i = drawFrom(interests[mix.sample(rng)]!);
        if (!seen[i]) return i;
      }
      for (;;) {
        const i = rng.int(M);
        if (!seen[i]) return i;
      }
    };
    let time = EPOCH + Math.floor(rng.next() * 200 * DAY);
    let cur = -1;
    for (let t = 0; t < lengths[u]!; t++) {
      let next = -1;
      if (cur >= 0 && rng.next() < P.pFollow) {
        const cand = succ[cur * S + succTable.sample(rng)]!;
        if (!seen[cand]) next = cand;
      }
      if (next < 0) next = fresh();
      seen[next] = 1;
      visited.push(next);
      time += 1 + Math.floor(-Math.log(1 - rng.next()) * DAY);
      b.add(String(u + 1), String(next + 1), time);
      if (t === 0) {
        b.setSparse("user", "gender", b.lastUser, GENDERS[gender]!);
        b.setSparse("user", "age", b.lastUser, AGE_BUCKETS[age]!);
        b.setSparse("user", "occupation", b.lastUser, String(occupation));
      }
      b.setSparse("item", "cate_id", b.lastItem, String(cluster[next]! + 1));
      cur = next;
    }
    for (const i of visited) seen[i] = 0;
    visited.length = 0;
  }
  return b.finish();
}

function shuffled(n: number, rng: Rng): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

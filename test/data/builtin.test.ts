import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { itemTransitionRanking, mostPopularRanking, transitionTable } from "../../src/data/baselines.js";
import { generateBuiltin } from "../../src/data/builtin.js";
import { prepareMatchData } from "../../src/data/prepare.js";
import { writeLogCsv } from "../../src/data/save-csv.js";
import { openDataset } from "../../src/data/source.js";
import { truthLists } from "../../src/data/splits.js";
import { computeTopKMetrics } from "../../src/retrieval/metrics.js";
import { logFromRows } from "./helpers.js";

describe("built-in dataset", () => {
  const log = generateBuiltin({ size: "small", seed: 2022 });

  it("has the small size, side features and increasing timestamps per user", () => {
    expect(log.size).toBeGreaterThan(14_500);
    expect(log.size).toBeLessThan(15_500);
    expect(log.vocab.feature("user_id").size).toBe(302);
    expect(log.vocab.feature("item_id").size).toBeLessThanOrEqual(202);
    expect(log.vocab.feature("cate_id").size).toBe(10);
    expect(log.vocab.feature("gender").values).toEqual(["F", "M"]);
    expect(log.vocab.feature("age").values).toEqual(["1", "18", "25", "35", "45", "50", "56"]);
    expect(log.vocab.feature("occupation").size).toBeLessThanOrEqual(23);
    for (let i = 1; i < log.size; i++) {
      if (log.user[i] === log.user[i - 1] && !(log.time[i]! > log.time[i - 1]!)) throw new Error(`row ${i}: time does not increase`);
    }
    // No user repeats an item.
    const pairs = new Set<number>();
    for (let i = 0; i < log.size; i++) pairs.add(log.user[i]! * 1000 + log.item[i]!);
    expect(pairs.size).toBe(log.size);
  });

  it("is deterministic for a seed", () => {
    const bytes = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const again = generateBuiltin({ size: "small", seed: 2022 });
    expect(bytes(again.item).equals(bytes(log.item))).toBe(true);
    expect(bytes(again.time).equals(bytes(log.time))).toBe(true);
    expect(bytes(again.userSparse.occupation!).equals(bytes(log.userSparse.occupation!))).toBe(true);
    const other = generateBuiltin({ size: "small", seed: 2023 });
    expect(bytes(other.item).equals(bytes(log.item))).toBe(false);
  });

  it("has Zipf-like popularity: the top 10% of items take far more than 10% of interactions", () => {
    const counts = new Float64Array(log.vocab.feature("item_id").size);
    for (const i of log.item) counts[i]!++;
    const sorted = Array.from(counts).sort((a, b) => b - a);
    const top = sorted.slice(0, Math.ceil(sorted.length / 10)).reduce((a, b) => a + b, 0);
    expect(top / log.size).toBeGreaterThan(0.15); // 0.19 at this size; 0.32 on the default size
  });

  it("carries a sequential signal: item-transition beats most-popular on Recall@50 by a clear margin", () => {
    const data = prepareMatchData(log);
    const truth = truthLists(data.split.test);
    const pop = computeTopKMetrics(truth, mostPopularRanking(data, data.split.test, 50), [50]);
    const trans = computeTopKMetrics(truth, itemTransitionRanking(data, data.split.test, 50), [50]);
    expect(trans["recall@50"]!).toBeGreaterThan(pop["recall@50"]! + 0.1);
  });

  it("round-trips through the CSV directory layout", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rech-builtin-"));
    await writeLogCsv(log, dir);
    expect(readFileSync(join(dir, "interactions.csv"), "utf8").split("\n")[0]).toBe("user_id,item_id,timestamp");
    expect(readFileSync(join(dir, "users.csv"), "utf8").split("\n")[0]).toBe("user_id,gender,age,occupation");
    const back = await openDataset(dir);
    expect(back.size).toBe(log.size);
    const bytes = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    expect(bytes(back.user).equals(bytes(log.user))).toBe(true);
    expect(bytes(back.item).equals(bytes(log.item))).toBe(true);
    expect(bytes(back.time).equals(bytes(log.time))).toBe(true);
    expect(back.userSparse).toEqual(log.userSparse);
    expect(back.itemSparse).toEqual(log.itemSparse);
    expect(back.vocab.toJSON()).toEqual(log.vocab.toJSON());
  });
});

describe("baselines on a hand-computed log", () => {
  // Training timelines (leave-last-out, no validation): u1 a b c | d, u2 a b | c, u3 a c | b, u4 b c | a.
  const log = logFromRows([
    ["u1", "a", 1], ["u1", "b", 2], ["u1", "c", 3], ["u1", "d", 4],
    ["u2", "a", 1], ["u2", "b", 2], ["u2", "c", 3],
    ["u3", "a", 1], ["u3", "c", 2], ["u3", "b", 3],
    ["u4", "b", 1], ["u4", "c", 2], ["u4", "a", 3],
  ]);
  const data = prepareMatchData(log, { validation: false });
  const raw = (ids: ArrayLike<number>) => Array.from(ids, (i) => (i < 0 ? "-" : log.vocab.feature("item_id").decode(i)!));

  it("counts transitions in training timelines only", () => {
    const t = transitionTable(data);
    const a = log.vocab.encode("item_id", "a");
    const b = log.vocab.encode("item_id", "b");
    // a->b (u1, u2), a->c (u3); b->c (u1, u4).
    expect(raw(t.next.subarray(t.offsets[a]!, t.offsets[a + 1]!))).toEqual(["b", "c"]);
    expect(Array.from(t.counts.subarray(t.offsets[a]!, t.offsets[a + 1]!))).toEqual([2, 1]);
    expect(raw(t.next.subarray(t.offsets[b]!, t.offsets[b + 1]!))).toEqual(["c"]);
  });

  it("ranks by popularity and by successors of the last item", () => {
    // Training counts: a 3, b 3, c 3 (ties broken by id: a, b, c), d 0.
    const set = data.split.test;
    expect(raw(mostPopularRanking(data, set, 3))).toEqual(["a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"]);
    expect(raw(mostPopularRanking(data, set, 2, { excludeSeen: true }))).toEqual(["d", "-", "c", "d", "b", "d", "a", "d"]);
    // Last items: u1 c (no successor), u2 b -> c, u3 c, u4 c.
    expect(raw(itemTransitionRanking(data, set, 2))).toEqual(["a", "b", "c", "a", "a", "b", "a", "b"]);
  });
});

describe("feature schema", () => {
  it("lists user and item inputs with vocabulary sizes", async () => {
    const { featureSchema } = await import("../../src/data/schema.js");
    const log = generateBuiltin({ size: "small", seed: 1 });
    const s = featureSchema(log, 50);
    expect(s.user.map((i) => `${i.name}:${i.kind}:${i.shape.join("x")}:${i.vocabSize}`)).toEqual([
      `user_id:sparse:-1:302`,
      `gender:sparse:-1:4`,
      `age:sparse:-1:9`,
      `occupation:sparse:-1:${log.vocab.feature("occupation").size}`,
      `hist_item_id:sequence:-1x50:${log.vocab.feature("item_id").size}`,
      `hist_cate_id:sequence:-1x50:10`,
    ]);
    expect(s.item.map((i) => i.name)).toEqual(["item_id", "cate_id"]);
  });
});

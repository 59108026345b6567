import { describe, expect, it } from "vitest";
import { DataError } from "../../src/data/errors.js";
import { ageBucket } from "../../src/data/movielens.js";
import { detectDirectory, openDataset } from "../../src/data/source.js";
import type { InteractionLog } from "../../src/data/log.js";

const FX = "test/data/fixtures";

function userFeature(log: InteractionLog, rawUser: string, f: string): string | undefined {
  const id = log.vocab.encode("user_id", rawUser);
  return log.vocab.feature(f).decode(log.userSparse[f]![id]!);
}
function cate(log: InteractionLog, rawItem: string): string | undefined {
  return log.vocab.feature("cate_id").decode(log.itemSparse.cate_id![log.vocab.encode("item_id", rawItem)]!);
}

describe("MovieLens readers", () => {
  it("detects the directory formats", () => {
    expect(detectDirectory(`${FX}/ml-100k`)).toBe("ml-100k");
    expect(detectDirectory(`${FX}/ml-1m`)).toBe("ml-1m");
    expect(detectDirectory(`${FX}/ml-25m`)).toBe("ml-csv");
    expect(detectDirectory(FX)).toBeNull();
  });

  it("reads ML-100K u.data, u.user (ages bucketed) and u.item (first genre flag)", async () => {
    const log = await openDataset(`${FX}/ml-100k`);
    expect(log.size).toBe(6);
    expect(log.vocab.feature("user_id").values).toEqual(["22", "186", "196"]);
    expect(log.vocab.feature("item_id").values).toEqual(["242", "302", "377"]);
    expect(Array.from(log.time)).toEqual([881250949, 891717742, 878887116, 878887116, 881250950, 878887000]);
    expect(userFeature(log, "186", "gender")).toBe("F");
    expect(userFeature(log, "186", "age")).toBe("35");
    expect(userFeature(log, "196", "age")).toBe("45");
    expect(userFeature(log, "22", "occupation")).toBe("writer");
    expect(userFeature(log, "186", "zip")).toBe("00000");
    // User 999 is only in u.user: not part of the vocabulary.
    expect(log.vocab.feature("user_id").has("999")).toBe(false);
    expect(cate(log, "242")).toBe("Comedy");
    expect(cate(log, "302")).toBe("Crime");
    expect(cate(log, "377")).toBe("Children's");
    expect(log.vocab.feature("cate_id").values).toEqual(["Children's", "Comedy", "Crime"]);
  });

  it("reads ML-1M .dat files (latin1, :: separated), cate_id = first genre", async () => {
    const log = await openDataset(`${FX}/ml-1m`);
    expect(log.size).toBe(6);
    expect(Array.from(log.user)).toEqual([2, 2, 3, 2, 3, 4]);
    expect(userFeature(log, "2", "age")).toBe("56");
    expect(userFeature(log, "3", "occupation")).toBe("15");
    expect(cate(log, "1")).toBe("Animation");
    expect(cate(log, "3")).toBe("Drama");
    const kept = await openDataset(`${FX}/ml-1m`, { minRating: 4 });
    expect(kept.size).toBe(4);
  });

  it("reads the ML-20M/25M CSV layout with quoted titles", async () => {
    const log = await openDataset(`${FX}/ml-25m`);
    expect(log.size).toBe(4);
    expect(cate(log, "10")).toBe("Action");
    expect(cate(log, "30")).toBe("unknown");
  });

  it("reports a bad rating with its position", async () => {
    await expect(openDataset(`${FX}/bad`)).rejects.toThrow(new DataError(`${FX}/bad/u.data:2:9: expected a numeric rating, found "three"`));
    const log = await openDataset(`${FX}/bad`, { skipBadRows: true });
    expect(log.size).toBe(1);
    expect(log.skippedRows).toBe(1);
  });

  it("maps raw ages onto the ML-1M buckets", () => {
    expect([1, 17, 18, 24, 25, 34, 35, 44, 45, 49, 50, 55, 56, 80].map(ageBucket)).toEqual(
      ["1", "1", "18", "18", "25", "25", "35", "35", "45", "45", "50", "50", "56", "56"],
    );
  });
});

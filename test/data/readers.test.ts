import { describe, expect, it } from "vitest";
import { readCsvLog } from "../../src/data/csv.js";
import { DataError } from "../../src/data/errors.js";
import { openDataset } from "../../src/data/source.js";

const F = "test/data/fixtures/bad";

async function message(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return (e as Error).message;
  }
  throw new Error("expected a DataError");
}

describe("CSV reader", () => {
  it("reads a log with a column mapping and inline side columns", async () => {
    const log = await readCsvLog(`${F}/ok.csv`, {
      columns: { user: "user", item: "item", time: "ts", userFeatures: ["gender"], itemFeatures: { cate_id: "genre" } },
    });
    expect(log.size).toBe(3);
    const users = log.vocab.feature("user_id");
    const items = log.vocab.feature("item_id");
    // Ids are assigned in sorted raw order from 2.
    expect(users.values).toEqual(["u1", "u2"]);
    expect(Array.from(log.user)).toEqual([2, 2, 3]);
    expect(Array.from(log.item)).toEqual([2, 3, 2]);
    expect(Array.from(log.time)).toEqual([10, 11, 5]);
    expect(items.size).toBe(4);
    const gender = log.vocab.feature("gender");
    expect(gender.decode(log.userSparse.gender![users.encode("u2")]!)).toBe("M");
    expect(log.vocab.feature("cate_id").decode(log.itemSparse.cate_id![items.encode("i2")]!)).toBe("g2");
    // Padding row 0 and unseen row 1 of the side tables.
    expect(log.userSparse.gender![0]).toBe(0);
    expect(log.userSparse.gender![1]).toBe(1);
  });

  it("finds default column names, handles TSV, quotes, CRLF and ISO dates", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "rech-csv-"));
    const tsv = join(dir, "log.tsv");
    writeFileSync(tsv, "userId\tmovieId\ttimestamp\r\n7\t10\t2020-01-02T00:00:00Z\r\n7\t9\t2020-01-01T00:00:00Z\r\n");
    const log = await readCsvLog(tsv);
    expect(log.size).toBe(2);
    expect(Array.from(log.time)).toEqual([Date.parse("2020-01-02T00:00:00Z"), Date.parse("2020-01-01T00:00:00Z")]);
    // Numeric raw values sort numerically: 9 < 10.
    expect(log.vocab.feature("item_id").values).toEqual(["9", "10"]);
    const csv = join(dir, "q.csv");
    writeFileSync(csv, 'user_id,item_id,timestamp\n"a,1","b ""x""",3\n');
    const q = await readCsvLog(csv);
    expect(q.vocab.feature("user_id").values).toEqual(["a,1"]);
    expect(q.vocab.feature("item_id").values).toEqual(['b "x"']);
  });

  it("uses row order as time when there is no time column", async () => {
    const log = await readCsvLog(`${F}/no-time.csv`);
    expect(Array.from(log.time)).toEqual([2]);
    expect(log.warnings[0]).toBe(`${F}/no-time.csv: no time column; row order is used as time`);
  });

  it("reports a malformed value as FILE:LINE:COL with expected and found", async () => {
    expect(await message(readCsvLog(`${F}/bad-time.csv`))).toBe(
      `${F}/bad-time.csv:3:7: expected a timestamp (number or ISO date), found "eleven"`,
    );
  });

  it("reports short rows and empty ids", async () => {
    expect(await message(readCsvLog(`${F}/short.csv`))).toBe(
      `${F}/short.csv:3:3: expected 3 fields separated by ",", found end of line`,
    );
  });

  it("skips bad rows on request and counts them", async () => {
    const log = await readCsvLog(`${F}/short.csv`, { skipBadRows: true });
    expect(log.size).toBe(2);
    expect(log.skippedRows).toBe(2);
    expect(log.warnings).toEqual([
      `${F}/short.csv:3:3: expected 3 fields separated by ",", found end of line`,
      `${F}/short.csv:4:4: expected an item id, found ""`,
      `${F}/short.csv: skipped 2 malformed rows`,
    ]);
  });

  it("gives clear messages for an empty log, a missing column and a missing file", async () => {
    expect(await message(readCsvLog(`${F}/header-only.csv`))).toBe(`${F}/header-only.csv: the log has no interactions`);
    expect(await message(readCsvLog(`${F}/ok.csv`, { columns: { user: "user", item: "item", time: "when" } }))).toBe(
      `${F}/ok.csv:1:1: missing time column "when" (the header has: user, item, ts, gender, genre)`,
    );
    expect(await message(readCsvLog(`${F}/ok.csv`, { columns: { user: "user", item: "item", itemFeatures: ["genres"] } }))).toBe(
      `${F}/ok.csv:1:1: missing item feature column "genres" (the header has: user, item, ts, gender, genre)`,
    );
    expect(await message(readCsvLog(`${F}/nope.csv`))).toBe(`${F}/nope.csv: file not found`);
    expect(await message(openDataset(`${F}/nope`))).toBe(
      `${F}/nope: no such file or directory (expected a CSV/TSV file, a MovieLens directory, or "builtin")`,
    );
    expect(await message(openDataset("test/data/fixtures"))).toBe(
      "test/data/fixtures: not a known data directory (expected u.data [ML-100K], ratings.dat [ML-1M], ratings.csv [ML-20M/25M], or interactions.csv)",
    );
  });

  it("reports all-bad logs as empty with the reason", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const p = join(mkdtempSync(join(tmpdir(), "rech-csv-")), "all-bad.csv");
    writeFileSync(p, "user,item,ts\na,b,x\n");
    expect(await message(readCsvLog(p, { skipBadRows: true }))).toBe(`${p}: the log has no interactions (all 1 rows were malformed and skipped)`);
  });
});

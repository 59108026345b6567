// One entry point from a user-given data source to an InteractionLog:
//   "builtin" | "builtin:default" | "builtin:small"  the synthetic dataset
//   a directory  MovieLens ML-100K (u.data), ML-1M (ratings.dat), ML-20M/25M/latest (ratings.csv), or the
//                CSV layout written by writeLogCsv (interactions.csv [+ users.csv, items.csv, schema.json])
//   a file       a CSV/TSV log with a header (see CsvOptions for the column mapping)
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { generateBuiltin, type BuiltinSize } from "./builtin.js";
import { readCsvInto, readCsvLog, readProfileCsv, type CsvOptions } from "./csv.js";
import { DataError } from "./errors.js";
import { Fields, splitFields } from "./lines.js";
import { LogBuilder, type InteractionLog } from "./log.js";
import { readMovieLens100K, readMovieLens1M, readMovieLensCsv } from "./movielens.js";
import { SCHEMA_FILE, type CsvSchema } from "./save-csv.js";

export type DirectoryFormat = "ml-100k" | "ml-1m" | "ml-csv" | "rech-csv";

export interface OpenOptions extends CsvOptions {
  /** Seed of the built-in generator (default 2022). */
  seed?: number;
}

/** Which reader a directory needs, from the files it holds; null when none matches. */
export function detectDirectory(dir: string): DirectoryFormat | null {
  const has = (f: string): boolean => existsSync(join(dir, f));
  if (has("u.data")) return "ml-100k";
  if (has("ratings.dat")) return "ml-1m";
  if (has("ratings.csv")) return "ml-csv";
  if (has("interactions.csv")) return "rech-csv";
  return null;
}

export async function openDataset(source: string, options: OpenOptions = {}): Promise<InteractionLog> {
  const m = /^builtin(?::(default|small))?$/.exec(source);
  if (m) return generateBuiltin({ size: (m[1] ?? "default") as BuiltinSize, seed: options.seed ?? 2022 });
  if (!existsSync(source)) {
    throw new DataError(`${source}: no such file or directory (expected a CSV/TSV file, a MovieLens directory, or "builtin")`);
  }
  if (statSync(source).isDirectory()) return readDataDirectory(source, options);
  return readCsvLog(source, options);
}

export async function readDataDirectory(dir: string, options: CsvOptions = {}): Promise<InteractionLog> {
  const ml = { skipBadRows: options.skipBadRows, ...(options.minRating === undefined ? {} : { minRating: options.minRating }) };
  switch (detectDirectory(dir)) {
    case "ml-100k":
      return readMovieLens100K(dir, ml);
    case "ml-1m":
      return readMovieLens1M(dir, ml);
    case "ml-csv":
      return readMovieLensCsv(dir, ml);
    case "rech-csv":
      return readRechCsvDirectory(dir, options);
    case null:
      throw new DataError(
        `${dir}: not a known data directory (expected u.data [ML-100K], ratings.dat [ML-1M], ratings.csv [ML-20M/25M], or interactions.csv)`,
      );
  }
}

/** Reads the layout written by writeLogCsv. Side-table columns are sparse unless schema.json lists them as dense. */
export async function readRechCsvDirectory(dir: string, options: CsvOptions = {}): Promise<InteractionLog> {
  const b = new LogBuilder(dir, 1 << 20);
  await readCsvInto(b, join(dir, "interactions.csv"), options);
  let schema: CsvSchema = { userDense: [], itemDense: [] };
  const schemaPath = join(dir, SCHEMA_FILE);
  if (existsSync(schemaPath)) {
    try {
      schema = { ...schema, ...(JSON.parse(readFileSync(schemaPath, "utf8")) as Partial<CsvSchema>) };
    } catch (e) {
      throw new DataError(`${schemaPath}: invalid JSON (${(e as Error).message})`);
    }
  }
  for (const [file, key, side, dense] of [
    ["users.csv", "user_id", "user", schema.userDense],
    ["items.csv", "item_id", "item", schema.itemDense],
  ] as const) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const cols = headerOf(path).filter((c) => c !== key);
    await readProfileCsv(b, path, side, {
      key,
      sparse: cols.filter((c) => !dense.includes(c)),
      dense: cols.filter((c) => dense.includes(c)),
      skipBadRows: options.skipBadRows,
    });
  }
  return b.finish();
}

function headerOf(path: string): string[] {
  const fd = openSync(path, "r");
  const bytes = Buffer.alloc(1 << 16);
  const n = readSync(fd, bytes, 0, bytes.length, 0);
  closeSync(fd);
  const text = bytes.subarray(0, n).toString("utf8");
  const nl = text.indexOf("\n");
  const line = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, "").replace(/^\uFEFF/, "");
  const f = new Fields();
  const delim = line.includes("\t") ? "\t" : ",";
  splitFields(line, delim, delim === ",", f);
  return f.values.slice(0, f.count).map((s) => s.trim());
}

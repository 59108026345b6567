// CSV/TSV interaction logs with a header row and a column mapping, plus side tables (users.csv, items.csv).
import { DataError, badValue, missingField } from "./errors.js";
import { Fields, forEachLine, splitFields, type TextEncodingName } from "./lines.js";
import { LogBuilder, type InteractionLog } from "./log.js";

/** Feature name -> column name, or a list of names used for both. */
export type ColumnMap = Record<string, string> | string[];

export interface CsvColumns {
  /** Header names; defaults: user_id|userId|user, item_id|itemId|movie_id|movieId|item, timestamp|time|ts. */
  user?: string;
  item?: string;
  /** Omit for auto-detection; null to use row order as time. */
  time?: string | null;
  rating?: string;
  userFeatures?: ColumnMap;
  itemFeatures?: ColumnMap;
  userDense?: ColumnMap;
  itemDense?: ColumnMap;
}

export interface CsvOptions {
  columns?: CsvColumns;
  /** Field separator; default: tab if the header has one, else comma. */
  delimiter?: string;
  encoding?: TextEncodingName;
  /** Skip malformed rows (counted in log.skippedRows) instead of failing on the first. */
  skipBadRows?: boolean;
  /** Keep only rows whose rating is >= this value (needs a rating column). */
  minRating?: number;
}

export interface ProfileOptions {
  /** The key column (e.g. user_id). */
  key: string;
  sparse?: ColumnMap;
  dense?: ColumnMap;
  delimiter?: string;
  encoding?: TextEncodingName;
  skipBadRows?: boolean;
  /** Per-feature rewriting of the raw text (e.g. the first of several genres). */
  transform?: Record<string, (raw: string) => string>;
}

const USER_NAMES = ["user_id", "userId", "userid", "user", "uid"];
const ITEM_NAMES = ["item_id", "itemId", "itemid", "movie_id", "movieId", "item", "iid"];
const TIME_NAMES = ["timestamp", "time", "ts", "datetime", "date"];

export async function readCsvLog(path: string, options: CsvOptions = {}): Promise<InteractionLog> {
  const b = new LogBuilder(path);
  await readCsvInto(b, path, options);
  return b.finish();
}

/** A parsed header: column name -> index. */
class Header {
  readonly names: string[];
  constructor(names: string[], private readonly file: string) {
    this.names = names.map((n) => n.trim());
  }
  find(candidates: string[]): number {
    for (const c of candidates) {
      const i = this.names.indexOf(c);
      if (i >= 0) return i;
    }
    return -1;
  }
  require(name: string, role: string): number {
    const i = this.names.indexOf(name);
    if (i < 0) {
      throw new DataError(`${this.file}:1:1: missing ${role} column "${name}" (the header has: ${this.names.join(", ")})`);
    }
    return i;
  }
  requireOneOf(candidates: string[], role: string): number {
    const i = this.find(candidates);
    if (i < 0) {
      throw new DataError(
        `${this.file}:1:1: missing ${role} column (looked for ${candidates.map((c) => `"${c}"`).join(", ")}; the header has: ${this.names.join(", ")})`,
      );
    }
    return i;
  }
  mapped(map: ColumnMap | undefined, role: string): Array<[string, number]> {
    if (!map) return [];
    const pairs: Array<[string, string]> = Array.isArray(map) ? map.map((n) => [n, n]) : Object.entries(map);
    return pairs.map(([feature, col]) => [feature, this.require(col, role)]);
  }
}

function pickDelimiter(header: string, given: string | undefined): string {
  if (given !== undefined) return given;
  return header.includes("\t") ? "\t" : ",";
}

/** Parses a timestamp: a number, or an ISO-8601 date (-> milliseconds since 1970). */
export function parseTime(text: string): number {
  // Fast path: plain digits (epoch seconds or milliseconds).
  const n0 = text.length;
  if (n0 > 0 && n0 <= 15) {
    let v = 0;
    let i = 0;
    for (; i < n0; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      v = v * 10 + c;
    }
    if (i === n0) return v;
  }
  const t = text.trim();
  if (t === "") return Number.NaN;
  const n = Number(t);
  if (Number.isFinite(n)) return n;
  return /^\d{4}-\d{2}-\d{2}/.test(t) ? Date.parse(t) : Number.NaN;
}

/** Reads a header + rows log into `b` (used for plain CSV and for MovieLens ratings.csv). */
export async function readCsvInto(b: LogBuilder, path: string, options: CsvOptions = {}): Promise<void> {
  const cols = options.columns ?? {};
  const fields = new Fields();
  let delim = ",";
  let header: Header | null = null;
  let iu = -1, ii = -1, it = -1, ir = -1;
  let userF: Array<[string, number]> = [], itemF: Array<[string, number]> = [];
  let userD: Array<[string, number]> = [], itemD: Array<[string, number]> = [];
  let denseCols: number[] = [];
  let denseVals = new Float64Array(0);
  let need = 0;
  const minRating = options.minRating;
  await forEachLine(path, options.encoding ?? "utf8", (line, lineNo) => {
    if (header === null) {
      delim = pickDelimiter(line, options.delimiter);
      splitFields(line, delim, delim === ",", fields);
      header = new Header(fields.values.slice(0, fields.count), path);
      iu = cols.user ? header.require(cols.user, "user") : header.requireOneOf(USER_NAMES, "user");
      ii = cols.item ? header.require(cols.item, "item") : header.requireOneOf(ITEM_NAMES, "item");
      if (cols.time === null) it = -1;
      else if (cols.time !== undefined) it = header.require(cols.time, "time");
      else {
        it = header.find(TIME_NAMES);
        if (it < 0) b.warnings.push(`${path}: no time column; row order is used as time`);
      }
      if (cols.rating !== undefined) ir = header.require(cols.rating, "rating");
      else if (minRating !== undefined) ir = header.requireOneOf(["rating", "score"], "rating");
      userF = header.mapped(cols.userFeatures, "user feature");
      itemF = header.mapped(cols.itemFeatures, "item feature");
      userD = header.mapped(cols.userDense, "user feature");
      itemD = header.mapped(cols.itemDense, "item feature");
      for (const [n] of userF) b.declareSparse("user", n);
      for (const [n] of itemF) b.declareSparse("item", n);
      for (const [n] of userD) b.declareDense("user", n);
      for (const [n] of itemD) b.declareDense("item", n);
      denseCols = [...userD, ...itemD].map((p) => p[1]);
      denseVals = new Float64Array(denseCols.length);
      need = 1 + Math.max(iu, ii, it, ir, ...[...userF, ...itemF, ...userD, ...itemD].map((p) => p[1]));
      return;
    }
    if (line.length === 0) return;
    try {
      if (!splitFields(line, delim, delim === ",", fields)) {
        throw badValue(path, lineNo, fields.column(fields.count, line), "a closing quote", line.slice(fields.starts[fields.count]!));
      }
      if (fields.count < need) {
        throw missingField(path, lineNo, line.length + 1, `${need} fields separated by ${JSON.stringify(delim)}`);
      }
      const u = fields.values[iu]!;
      if (u.trim() === "") throw badValue(path, lineNo, fields.column(iu, line), "a user id", u);
      const item = fields.values[ii]!;
      if (item.trim() === "") throw badValue(path, lineNo, fields.column(ii, line), "an item id", item);
      let time = lineNo;
      if (it >= 0) {
        time = parseTime(fields.values[it]!);
        if (Number.isNaN(time)) throw badValue(path, lineNo, fields.column(it, line), "a timestamp (number or ISO date)", fields.values[it]!);
      }
      if (ir >= 0) {
        const r = Number(fields.values[ir]!);
        if (fields.values[ir]!.trim() === "" || !Number.isFinite(r)) {
          throw badValue(path, lineNo, fields.column(ir, line), "a numeric rating", fields.values[ir]!);
        }
        if (minRating !== undefined && r < minRating) return;
      }
      for (let k = 0; k < denseCols.length; k++) {
        const c = denseCols[k]!;
        const v = fields.values[c]!.trim();
        const x = v === "" ? Number.NaN : Number(v);
        if (v !== "" && !Number.isFinite(x)) throw badValue(path, lineNo, fields.column(c, line), "a number", fields.values[c]!);
        denseVals[k] = x;
      }
      b.add(u.trim(), item.trim(), time);
      for (const [n, c] of userF) setText(b, "user", n, b.lastUser, fields.values[c]!);
      for (const [n, c] of itemF) setText(b, "item", n, b.lastItem, fields.values[c]!);
      for (let k = 0; k < denseCols.length; k++) {
        const x = denseVals[k]!;
        if (Number.isNaN(x)) continue;
        if (k < userD.length) b.setDense("user", userD[k]![0], b.lastUser, x);
        else b.setDense("item", itemD[k - userD.length]![0], b.lastItem, x);
      }
    } catch (e) {
      if (!(e instanceof DataError) || !options.skipBadRows) throw e;
      b.skippedRows++;
      if (b.warnings.length < 5) b.warnings.push(e.message);
    }
  });
  if (header === null) throw new DataError(`${path}: the file is empty (expected a header row)`);
  if (b.skippedRows > 0) b.warnings.push(`${path}: skipped ${b.skippedRows} malformed rows`);
}

function setText(b: LogBuilder, side: "user" | "item", name: string, entity: number, raw: string): void {
  const v = raw.trim();
  if (v !== "") b.setSparse(side, name, entity, v);
}

/**
 * Reads a side table (users.csv / items.csv) with a header. Rows whose key is not in the log are ignored
 * (the vocabularies come from the log), and so are repeated keys after the first.
 */
export async function readProfileCsv(b: LogBuilder, path: string, side: "user" | "item", options: ProfileOptions): Promise<void> {
  const fields = new Fields();
  const vocab = side === "user" ? b.users : b.items;
  let header: Header | null = null;
  let delim = ",";
  let ik = -1;
  let sparse: Array<[string, number]> = [], dense: Array<[string, number]> = [];
  let need = 0;
  await forEachLine(path, options.encoding ?? "utf8", (line, lineNo) => {
    if (header === null) {
      delim = pickDelimiter(line, options.delimiter);
      splitFields(line, delim, delim === ",", fields);
      header = new Header(fields.values.slice(0, fields.count), path);
      ik = header.require(options.key, "key");
      sparse = header.mapped(options.sparse, `${side} feature`);
      dense = header.mapped(options.dense, `${side} feature`);
      for (const [n] of sparse) b.declareSparse(side, n);
      for (const [n] of dense) b.declareDense(side, n);
      need = 1 + Math.max(ik, ...sparse.map((p) => p[1]), ...dense.map((p) => p[1]));
      return;
    }
    if (line.length === 0) return;
    try {
      if (!splitFields(line, delim, delim === ",", fields)) {
        throw badValue(path, lineNo, fields.column(fields.count, line), "a closing quote", line.slice(fields.starts[fields.count]!));
      }
      if (fields.count < need) throw missingField(path, lineNo, line.length + 1, `${need} fields separated by ${JSON.stringify(delim)}`);
      const entity = vocab.lookup(fields.values[ik]!.trim());
      if (entity < 0) return;
      for (const [n, c] of dense) {
        const v = fields.values[c]!.trim();
        if (v === "") continue;
        const x = Number(v);
        if (!Number.isFinite(x)) throw badValue(path, lineNo, fields.column(c, line), "a number", fields.values[c]!);
        b.setDense(side, n, entity, x);
      }
      for (const [n, c] of sparse) {
        const f = options.transform?.[n];
        const raw = fields.values[c]!;
        setText(b, side, n, entity, f ? f(raw) : raw);
      }
    } catch (e) {
      if (!(e instanceof DataError) || !options.skipBadRows) throw e;
      b.skippedRows++;
      if (b.warnings.length < 5) b.warnings.push(e.message);
    }
  });
  if (header === null) throw new DataError(`${path}: the file is empty (expected a header row)`);
}

// MovieLens readers: ML-100K (u.data, u.item, u.user), ML-1M (ratings.dat, users.dat, movies.dat) and the
// ML-20M/25M/latest CSV layout (ratings.csv, movies.csv). Every rating is an implicit positive unless
// minRating is given. cate_id = the movie's first genre, as in torch-rechub's examples.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DataError, badValue, missingField } from "./errors.js";
import { Fields, forEachLine, splitFields, type TextEncodingName } from "./lines.js";
import { LogBuilder, type InteractionLog } from "./log.js";
import { readCsvInto, readProfileCsv } from "./csv.js";

export interface MovieLensOptions {
  skipBadRows?: boolean;
  /** Keep only ratings >= minRating (default: keep all). */
  minRating?: number;
}

/** ML-100K genre flags of u.item, in file order (u.genre). */
export const ML100K_GENRES = [
  "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
  "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
];

/** ML-1M age codes; ML-100K's raw ages are mapped onto them so both datasets share the same buckets. */
export function ageBucket(age: number): string {
  if (age < 18) return "1";
  if (age < 25) return "18";
  if (age < 35) return "25";
  if (age < 45) return "35";
  if (age < 50) return "45";
  if (age < 56) return "50";
  return "56";
}

interface RowReader {
  path: string;
  delimiter: string;
  encoding: TextEncodingName;
  fields: number;
  skipBadRows: boolean;
}

/** Reads a header-less delimited file, calling onRow for each non-empty line with at least `fields` fields. */
async function readRows(b: LogBuilder, r: RowReader, onRow: (f: Fields, line: string, lineNo: number) => void): Promise<void> {
  const f = new Fields();
  await forEachLine(r.path, r.encoding, (line, lineNo) => {
    if (line.length === 0) return;
    try {
      splitFields(line, r.delimiter, false, f);
      if (f.count < r.fields) {
        throw missingField(r.path, lineNo, line.length + 1, `${r.fields} fields separated by ${JSON.stringify(r.delimiter)}`);
      }
      onRow(f, line, lineNo);
    } catch (e) {
      if (!(e instanceof DataError) || !r.skipBadRows) throw e;
      b.skippedRows++;
      if (b.warnings.length < 5) b.warnings.push(e.message);
    }
  });
}

const INT = /^\d+$/;

function intField(f: Fields, i: number, line: string, lineNo: number, path: string, what: string): string {
  const v = f.values[i]!.trim();
  if (!INT.test(v)) throw badValue(path, lineNo, f.column(i, line), what, f.values[i]!);
  return v;
}

/** Reads a ratings file (user, item, rating, timestamp) into b. */
async function readRatings(b: LogBuilder, path: string, delimiter: string, opt: MovieLensOptions): Promise<void> {
  const minRating = opt.minRating;
  await readRows(b, { path, delimiter, encoding: "latin1", fields: 4, skipBadRows: !!opt.skipBadRows }, (f, line, n) => {
    const u = intField(f, 0, line, n, path, "an integer user id");
    const m = intField(f, 1, line, n, path, "an integer movie id");
    const rating = Number(f.values[2]);
    if (f.values[2]!.trim() === "" || !Number.isFinite(rating)) throw badValue(path, n, f.column(2, line), "a numeric rating", f.values[2]!);
    const t = intField(f, 3, line, n, path, "an integer timestamp");
    if (minRating !== undefined && rating < minRating) return;
    b.add(u, m, Number(t));
  });
  if (b.skippedRows > 0) b.warnings.push(`${path}: skipped ${b.skippedRows} malformed rows`);
}

export async function readMovieLens100K(dir: string, opt: MovieLensOptions = {}): Promise<InteractionLog> {
  const b = new LogBuilder(dir);
  const skip = !!opt.skipBadRows;
  await readRatings(b, join(dir, "u.data"), "\t", opt);
  const users = join(dir, "u.user");
  if (existsSync(users)) {
    for (const n of ["gender", "age", "occupation", "zip"]) b.declareSparse("user", n);
    await readRows(b, { path: users, delimiter: "|", encoding: "latin1", fields: 5, skipBadRows: skip }, (f, line, n) => {
      const u = b.users.lookup(f.values[0]!.trim());
      if (u < 0) return;
      const age = intField(f, 1, line, n, users, "an integer age");
      b.setSparse("user", "age", u, ageBucket(Number(age)));
      b.setSparse("user", "gender", u, f.values[2]!.trim());
      b.setSparse("user", "occupation", u, f.values[3]!.trim());
      b.setSparse("user", "zip", u, f.values[4]!.trim());
    });
  }
  const items = join(dir, "u.item");
  if (existsSync(items)) {
    b.declareSparse("item", "cate_id");
    await readRows(b, { path: items, delimiter: "|", encoding: "latin1", fields: 5 + ML100K_GENRES.length, skipBadRows: skip }, (f, line, n) => {
      const m = b.items.lookup(f.values[0]!.trim());
      if (m < 0) return;
      let genre = "unknown";
      for (let g = 0; g < ML100K_GENRES.length; g++) {
        const flag = f.values[5 + g]!.trim();
        if (flag !== "0" && flag !== "1") throw badValue(items, n, f.column(5 + g, line), "a genre flag 0 or 1", f.values[5 + g]!);
        if (flag === "1") {
          genre = ML100K_GENRES[g]!;
          break;
        }
      }
      b.setSparse("item", "cate_id", m, genre);
    });
  }
  return b.finish();
}

export async function readMovieLens1M(dir: string, opt: MovieLensOptions = {}): Promise<InteractionLog> {
  const b = new LogBuilder(dir);
  const skip = !!opt.skipBadRows;
  await readRatings(b, join(dir, "ratings.dat"), "::", opt);
  const users = join(dir, "users.dat");
  if (existsSync(users)) {
    for (const n of ["gender", "age", "occupation", "zip"]) b.declareSparse("user", n);
    await readRows(b, { path: users, delimiter: "::", encoding: "latin1", fields: 5, skipBadRows: skip }, (f, line, n) => {
      const u = b.users.lookup(f.values[0]!.trim());
      if (u < 0) return;
      const gender = f.values[1]!.trim();
      if (gender !== "M" && gender !== "F") throw badValue(users, n, f.column(1, line), `a gender "M" or "F"`, f.values[1]!);
      b.setSparse("user", "gender", u, gender);
      b.setSparse("user", "age", u, intField(f, 2, line, n, users, "an integer age code"));
      b.setSparse("user", "occupation", u, intField(f, 3, line, n, users, "an integer occupation code"));
      b.setSparse("user", "zip", u, f.values[4]!.trim());
    });
  }
  const movies = join(dir, "movies.dat");
  if (existsSync(movies)) {
    b.declareSparse("item", "cate_id");
    await readRows(b, { path: movies, delimiter: "::", encoding: "latin1", fields: 3, skipBadRows: skip }, (f) => {
      const m = b.items.lookup(f.values[0]!.trim());
      if (m < 0) return;
      b.setSparse("item", "cate_id", m, firstGenre(f.values[f.count - 1]!));
    });
  }
  return b.finish();
}

/** ML-20M / ML-25M / ml-latest: ratings.csv (userId,movieId,rating,timestamp) and movies.csv. */
export async function readMovieLensCsv(dir: string, opt: MovieLensOptions = {}): Promise<InteractionLog> {
  const b = new LogBuilder(dir, 1 << 20);
  const ratings = join(dir, "ratings.csv");
  const cols = { user: "userId", item: "movieId", time: "timestamp", rating: "rating" };
  const csvOpt = { columns: cols, skipBadRows: opt.skipBadRows };
  await readCsvInto(b, ratings, opt.minRating === undefined ? csvOpt : { ...csvOpt, minRating: opt.minRating });
  const movies = join(dir, "movies.csv");
  if (existsSync(movies)) {
    await readProfileCsv(b, movies, "item", {
      key: "movieId",
      sparse: { cate_id: "genres" },
      transform: { cate_id: firstGenre },
      skipBadRows: opt.skipBadRows,
    });
  }
  return b.finish();
}

function firstGenre(genres: string): string {
  const g = genres.trim().split("|")[0]!.trim();
  return g === "" || g === "(no genres listed)" ? "unknown" : g;
}

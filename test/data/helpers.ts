// Builds small logs by hand for the tests: rows of [user, item, time] with optional item categories.
import { LogBuilder, type InteractionLog } from "../../src/data/log.js";

export function logFromRows(rows: Array<[string, string, number]>, cate?: Record<string, string>, users?: Record<string, string>): InteractionLog {
  const b = new LogBuilder("test");
  if (cate) b.declareSparse("item", "cate_id");
  if (users) b.declareSparse("user", "gender");
  for (const [u, i, t] of rows) {
    b.add(u, i, t);
    if (cate?.[i] !== undefined) b.setSparse("item", "cate_id", b.lastItem, cate[i]!);
    if (users?.[u] !== undefined) b.setSparse("user", "gender", b.lastUser, users[u]!);
  }
  return b.finish();
}

/** Raw item ids of a list of encoded ids (0 -> "_" for padding). */
export function rawItems(log: InteractionLog, ids: ArrayLike<number>): string[] {
  const v = log.vocab.feature("item_id");
  return Array.from(ids, (id) => (id === 0 ? "_" : v.decode(id) ?? "?"));
}

// Per-user timelines: the log regrouped by user (ascending encoded id) and, within a user, ordered by time
// with a STABLE sort: interactions with equal timestamps keep their file order (torch-rechub's pandas sort
// is not stable, so its histories can differ from run to run on ties).
import type { InteractionLog } from "./log.js";

export interface Timeline {
  /** Size of the user vocabulary; users are 0..numUsers-1 (0 and 1 have empty timelines). */
  numUsers: number;
  /** Timeline of user u = positions start[u] .. start[u+1]-1. */
  start: Int32Array;
  /** Item at each position. */
  item: Int32Array;
  /** Time at each position. */
  time: Float64Array;
  /** User of each position. */
  user: Int32Array;
}

export function buildTimeline(log: InteractionLog): Timeline {
  const numUsers = log.vocab.feature("user_id").size;
  const n = log.size;
  const start = new Int32Array(numUsers + 1);
  for (let i = 0; i < n; i++) start[log.user[i]! + 1]!++;
  for (let u = 0; u < numUsers; u++) start[u + 1]! += start[u]!;
  const cursor = start.slice(0, numUsers);
  const item = new Int32Array(n);
  const time = new Float64Array(n);
  const user = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = log.user[i]!;
    const p = cursor[u]!++;
    item[p] = log.item[i]!;
    time[p] = log.time[i]!;
    user[p] = u;
  }
  // Sort each user's segment by time; the tie-break on the position keeps file order (stable).
  let idx = new Int32Array(0);
  let tmpItem = new Int32Array(0);
  let tmpTime = new Float64Array(0);
  for (let u = 0; u < numUsers; u++) {
    const s = start[u]!;
    const e = start[u + 1]!;
    let sorted = true;
    for (let p = s + 1; p < e; p++) {
      if (time[p]! < time[p - 1]!) {
        sorted = false;
        break;
      }
    }
    if (sorted) continue;
    const len = e - s;
    if (idx.length < len) {
      idx = new Int32Array(len);
      tmpItem = new Int32Array(len);
      tmpTime = new Float64Array(len);
    }
    const order = idx.subarray(0, len);
    for (let k = 0; k < len; k++) order[k] = k;
    order.sort((a, b) => time[s + a]! - time[s + b]! || a - b);
    for (let k = 0; k < len; k++) {
      tmpItem[k] = item[s + order[k]!]!;
      tmpTime[k] = time[s + order[k]!]!;
    }
    item.set(tmpItem.subarray(0, len), s);
    time.set(tmpTime.subarray(0, len), s);
  }
  return { numUsers, start, item, time, user };
}

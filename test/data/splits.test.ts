import { describe, expect, it } from "vitest";
import { DataError } from "../../src/data/errors.js";
import { leaveLastOut, timeSplit, truthLists, type EvalSet } from "../../src/data/splits.js";
import { buildTimeline, type Timeline } from "../../src/data/timeline.js";
import { prepareMatchData } from "../../src/data/prepare.js";
import { logFromRows, rawItems } from "./helpers.js";
import type { InteractionLog } from "../../src/data/log.js";

// User A: b(3) c(3) a(5) e(7) d(9) once time-sorted (b before c: file order on the tie);
// B: x(1) z(4); C: y(2) w(2) v(8); D: q(1).
const ROWS: Array<[string, string, number]> = [
  ["A", "a", 5], ["B", "x", 1], ["A", "b", 3], ["A", "c", 3], ["A", "d", 9], ["C", "y", 2],
  ["A", "e", 7], ["B", "z", 4], ["C", "w", 2], ["C", "v", 8], ["D", "q", 1],
];

function userTimeline(log: InteractionLog, tl: Timeline, user: string): string[] {
  const u = log.vocab.encode("user_id", user);
  return rawItems(log, tl.item.subarray(tl.start[u]!, tl.start[u + 1]!));
}

/** [user, history, truth] per eval row, in raw values. */
function evalRows(log: InteractionLog, tl: Timeline, set: EvalSet): Array<[string, string[], string[]]> {
  const users = log.vocab.feature("user_id");
  return truthLists(set).map((truth, r) => {
    const u = set.user[r]!;
    return [users.decode(u)!, rawItems(log, tl.item.subarray(tl.start[u]!, set.histEnd[r]!)), rawItems(log, truth)];
  });
}

/** [user, target, history] per training target. */
function trainRows(log: InteractionLog, tl: Timeline, train: Int32Array): Array<[string, string, string[]]> {
  const users = log.vocab.feature("user_id");
  return Array.from(train, (p) => {
    const u = tl.user[p]!;
    return [users.decode(u)!, rawItems(log, [tl.item[p]!])[0]!, rawItems(log, tl.item.subarray(tl.start[u]!, p))];
  });
}

describe("timelines and splits", () => {
  const log = logFromRows(ROWS);
  const tl = buildTimeline(log);

  it("orders each user's interactions by time with a stable sort", () => {
    expect(userTimeline(log, tl, "A")).toEqual(["b", "c", "a", "e", "d"]);
    expect(userTimeline(log, tl, "B")).toEqual(["x", "z"]);
    expect(userTimeline(log, tl, "C")).toEqual(["y", "w", "v"]);
    expect(userTimeline(log, tl, "D")).toEqual(["q"]);
    expect(Array.from(tl.start)).toEqual([0, 0, 0, 5, 7, 10, 11]);
  });

  it("leave-last-out: test = last, validation = second to last, train = the rest", () => {
    const s = leaveLastOut(tl);
    expect(evalRows(log, tl, s.test)).toEqual([
      ["A", ["b", "c", "a", "e"], ["d"]],
      ["B", ["x"], ["z"]],
      ["C", ["y", "w"], ["v"]],
    ]);
    expect(evalRows(log, tl, s.valid)).toEqual([
      ["A", ["b", "c", "a"], ["e"]],
      ["C", ["y"], ["w"]],
    ]);
    expect(trainRows(log, tl, s.train)).toEqual([
      ["A", "c", ["b"]],
      ["A", "a", ["b", "c"]],
    ]);
    const data = prepareMatchData(log);
    // Training-region counts: A's b, c, a; B's x; C's y; D's q.
    const counted = Array.from(data.counts).flatMap((c, id) => (c > 0 ? [`${rawItems(log, [id])[0]}:${c}`] : []));
    expect(counted.sort()).toEqual(["a:1", "b:1", "c:1", "q:1", "x:1", "y:1"]);
    expect(data.logq[log.vocab.encode("item_id", "a")]).toBeCloseTo(Math.log(1 / 6), 6);
  });

  it("leave-last-out without validation and with minHistory / minInteractions", () => {
    const s = leaveLastOut(tl, { validation: false });
    expect(s.valid.user.length).toBe(0);
    expect(trainRows(log, tl, s.train)).toEqual([
      ["A", "c", ["b"]],
      ["A", "a", ["b", "c"]],
      ["A", "e", ["b", "c", "a"]],
      ["C", "w", ["y"]],
    ]);
    const s0 = leaveLastOut(tl, { validation: false, minHistory: 0 });
    expect(trainRows(log, tl, s0.train).map((r) => r[0] + r[1])).toEqual(["Ab", "Ac", "Aa", "Ae", "Bx", "Cy", "Cw", "Dq"]);
    const s4 = leaveLastOut(tl, { minInteractions: 3 });
    expect(evalRows(log, tl, s4.test).map((r) => r[0])).toEqual(["A", "C"]);
  });

  it("global time split at time quantiles", () => {
    // Sorted times 1 1 2 2 3 3 4 5 7 8 9: test cut = rank floor(0.8·11) = 8 -> 7; valid cut = rank 6 -> 4.
    const s = timeSplit(tl, { testFraction: 0.2, validFraction: 0.2 });
    expect(s.cuts).toEqual({ valid: 4, test: 7 });
    expect(evalRows(log, tl, s.valid)).toEqual([
      ["A", ["b", "c"], ["a"]],
      ["B", ["x"], ["z"]],
    ]);
    expect(evalRows(log, tl, s.test)).toEqual([
      ["A", ["b", "c", "a"], ["e", "d"]],
      ["C", ["y", "w"], ["v"]],
    ]);
    expect(trainRows(log, tl, s.train)).toEqual([
      ["A", "c", ["b"]],
      ["C", "w", ["y"]],
    ]);
    const noValid = timeSplit(tl, { testFraction: 0.2, validation: false });
    expect(noValid.valid.user.length).toBe(0);
    expect(trainRows(log, tl, noValid.train).map((r) => r[0] + r[1])).toEqual(["Ac", "Aa", "Bz", "Cw"]);
    expect(() => timeSplit(tl, { testFraction: 0.7, validFraction: 0.3 })).toThrow(DataError);
  });

  it("keeps duplicates out of the relevant sets", () => {
    const l2 = logFromRows([["u", "a", 1], ["u", "b", 2], ["u", "c", 3], ["u", "c", 4], ["u", "b", 5]]);
    const t2 = buildTimeline(l2);
    const s = timeSplit(t2, { testFraction: 0.6, validation: false });
    expect(evalRows(l2, t2, s.test)).toEqual([["u", ["a", "b"], ["c", "b"]]]);
  });
});

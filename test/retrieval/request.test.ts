import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readModelInfo } from "../../src/retrieval/serve/model-dir.js";
import { buildSchema, parseRecommendRequest, type RequestSchema } from "../../src/retrieval/serve/request.js";
import { writeTinyModel } from "./fixtures/tiny-model.js";

let schema: RequestSchema;
beforeAll(() => {
  const dir = writeTinyModel(mkdtempSync(join(tmpdir(), "rech-req-")), { L: 4 });
  const info = readModelInfo(dir.dir);
  schema = buildSchema(info.userInputs, info.vocab, "item_id", 100);
});

const errorOf = (body: unknown): string => {
  const p = parseRecommendRequest(body, schema);
  if (p.ok) throw new Error("expected a validation error");
  return p.message;
};

describe("POST /recommend validation", () => {
  it("encodes a valid request: ids, pre-padding, truncation to the last L, normalised dense, seen items", () => {
    const p = parseRecommendRequest({ user: { user_id: "u3", hist_item_id: ["i1", "i9", "i2", "nope", "i5"], age: 40 }, k: 7 }, schema);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.value.k).toBe(7);
    expect(Array.from(p.value.feeds.user_id!.data)).toEqual([4]);
    expect(p.value.feeds.user_id!.shape).toEqual([1]);
    expect(Array.from(p.value.feeds.hist_item_id!.data)).toEqual([10, 3, 1, 6]); // i9 i2 (unseen) i5
    expect(p.value.feeds.hist_item_id!.shape).toEqual([1, 4]);
    expect(Array.from(p.value.feeds.age!.data)).toEqual([1]); // (40 - 30) / 10
    expect(Array.from(p.value.seen!)).toEqual([2, 10, 3, 6]); // every known history item, unseen bucket dropped
  });

  it("defaults: k 10, exclude_seen true, missing history = all padding; exclude_seen false drops seen", () => {
    const p = parseRecommendRequest({ user: { user_id: 7, age: 30 } }, schema);
    expect(p.ok && p.value.k).toBe(10);
    expect(p.ok && Array.from(p.value.feeds.hist_item_id!.data)).toEqual([0, 0, 0, 0]);
    expect(p.ok && Array.from(p.value.feeds.user_id!.data)).toEqual([1]); // numeric 7 is not a known user
    const q = parseRecommendRequest({ user: { user_id: "u1", age: 30, hist_item_id: ["i1"] }, exclude_seen: false }, schema);
    expect(q.ok && q.value.seen).toBeUndefined();
    const r = parseRecommendRequest({ user: { user_id: "u1", age: 30, hist_item_id: ["i1", "i2"] } }, schema);
    expect(r.ok && Array.from(r.value.feeds.hist_item_id!.data)).toEqual([0, 0, 2, 3]);
  });

  it("names the field in every error", () => {
    expect(errorOf({ user: { user_id: "u1", age: 30, hist_item_id: "abc" } })).toBe('field "user.hist_item_id": expected a list of ids, found "abc"');
    expect(errorOf({ user: { user_id: "u1", age: 30, hist_item_id: ["i1", true] } })).toBe('field "user.hist_item_id[1]": expected an id (string or number), found true');
    expect(errorOf({ user: { user_id: ["u1"], age: 30 } })).toBe('field "user.user_id": expected an id (string or number), found ["u1"]');
    expect(errorOf({ user: { user_id: "u1", age: "old" } })).toBe('field "user.age": expected a number, found "old"');
    expect(errorOf({ user: { age: 3 } })).toBe('field "user.user_id": missing (the model needs it)');
    expect(errorOf({ user: { user_id: "u1", age: 3, zip: "1" } })).toBe('field "user.zip": unknown feature (the model takes user_id, hist_item_id, age)');
    expect(errorOf({ user: { user_id: "u1", age: 3 }, k: 0 })).toBe('field "k": expected an integer from 1 to 100, found 0');
    expect(errorOf({ user: { user_id: "u1", age: 3 }, k: 2.5 })).toBe('field "k": expected an integer from 1 to 100, found 2.5');
    expect(errorOf({ user: { user_id: "u1", age: 3 }, exclude_seen: "yes" })).toBe('field "exclude_seen": expected true or false, found "yes"');
    expect(errorOf({ user: "u1" })).toBe('field "user": expected an object of user features, found "u1"');
    expect(errorOf({ users: {} })).toBe('field "users": unknown field (expected user, k, exclude_seen)');
    expect(errorOf([1, 2])).toBe('field "(body)": expected a JSON object {"user": {...}, "k": 10}, found [1,2]');
  });
});

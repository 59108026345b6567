import { describe, expect, it } from "vitest";
import { padSequence, writeSequence } from "../../src/data/history.js";

describe("history padding and truncation", () => {
  it("pads in front (pre) or behind (post)", () => {
    expect(Array.from(padSequence([4, 5, 6], 5, "pre"))).toEqual([0, 0, 4, 5, 6]);
    expect(Array.from(padSequence([4, 5, 6], 5, "post"))).toEqual([4, 5, 6, 0, 0]);
    expect(Array.from(padSequence([], 3, "pre"))).toEqual([0, 0, 0]);
    expect(Array.from(padSequence([], 3, "post"))).toEqual([0, 0, 0]);
    expect(Array.from(padSequence([7, 8], 2, "post"))).toEqual([7, 8]);
  });

  it("truncation keeps the most recent items for both padding sides", () => {
    expect(Array.from(padSequence([1, 2, 3, 4, 5, 6, 7], 3, "pre"))).toEqual([5, 6, 7]);
    expect(Array.from(padSequence([1, 2, 3, 4, 5, 6, 7], 3, "post"))).toEqual([5, 6, 7]);
  });

  it("writes into a reused buffer, overwriting old values, through a lookup table", () => {
    const src = Int32Array.from([2, 3, 4, 5]);
    const out = new Int32Array(8).fill(9);
    expect(writeSequence(src, 1, 3, 4, "pre", out, 4)).toBe(2);
    expect(Array.from(out)).toEqual([9, 9, 9, 9, 0, 0, 3, 4]);
    const lut = Int32Array.from([0, 1, 20, 30, 40, 50]);
    expect(writeSequence(src, 0, 4, 3, "post", out, 0, lut)).toBe(3);
    expect(Array.from(out.subarray(0, 4))).toEqual([30, 40, 50, 9]);
    expect(writeSequence(src, 0, 1, 3, "post", out, 0, lut)).toBe(1);
    expect(Array.from(out.subarray(0, 3))).toEqual([20, 0, 0]);
  });
});

import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commitTempFile, tempPathFor, writeFileAtomic } from "../../src/util/atomic-write.js";

let root = "";
beforeEach(() => {
  root = fs.mkdtempSync(join(tmpdir(), "rech-atomic-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe("writeFileAtomic", () => {
  it("writes single files atomically", () => {
    const p = join(root, "curves.svg");
    writeFileAtomic(p, "<svg/>");
    writeFileAtomic(p, new Uint8Array([60, 62]));
    expect(fs.readFileSync(p, "utf8")).toBe("<>");
    expect(fs.readdirSync(root)).toEqual(["curves.svg"]);
  });

  it("writes parts in order, honouring each view's offset and length", () => {
    const p = join(root, "v.bin");
    const floats = Float32Array.from([1, 2, 3, 4]);
    writeFileAtomic(p, [new Uint8Array([9, 8]), floats.subarray(1, 3)]);
    const got = fs.readFileSync(p);
    expect(Array.from(got.subarray(0, 2))).toEqual([9, 8]);
    expect(Array.from(new Float32Array(got.buffer.slice(got.byteOffset + 2, got.byteOffset + 10)))).toEqual([2, 3]);
  });

  it("leaves the old file and no temporary behind when the write fails", () => {
    const p = join(root, "keep.txt");
    writeFileAtomic(p, "old");
    const bad = { buffer: new ArrayBuffer(4), byteOffset: 0, byteLength: 100 } as unknown as ArrayBufferView; // view past its buffer
    expect(() => writeFileAtomic(p, [new Uint8Array([1]), bad])).toThrow(RangeError);
    expect(fs.readFileSync(p, "utf8")).toBe("old");
    expect(fs.readdirSync(root)).toEqual(["keep.txt"]);
  });

  it("commits a temporary file someone else wrote", () => {
    const p = join(root, "index.faiss");
    const tmp = tempPathFor(p);
    expect(tmp.startsWith(join(root, ".index.faiss.tmp-"))).toBe(true);
    fs.writeFileSync(tmp, "abc");
    commitTempFile(tmp, p);
    expect(fs.readFileSync(p, "utf8")).toBe("abc");
    expect(fs.readdirSync(root)).toEqual(["index.faiss"]);
  });
});

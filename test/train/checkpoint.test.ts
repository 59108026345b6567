import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CheckpointError, hasCheckpoint, readCheckpoint, writeCheckpoint, type CheckpointTensor } from "../../src/train/checkpoint.js";

let root = "";
beforeEach(() => {
  root = fs.mkdtempSync(join(tmpdir(), "rech-ckpt-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const tensors = (seed: number): CheckpointTensor[] => [
  { name: "emb.item_id", kind: "param", shape: [3, 2], data: Float32Array.from([seed, 1.5, -2, 1e-30, 3.25, -0]) },
  { name: "bn.mean", kind: "buffer", shape: [2], data: Float32Array.from([0.125, seed]) },
  { name: "opt.emb.item_id.m", kind: "state", shape: [3, 2], data: new Float32Array(6).fill(seed / 3) },
  { name: "scalar", kind: "param", shape: [], data: Float32Array.from([7]) },
];

describe("checkpoints", () => {
  it("round-trips tensors, kinds, shapes and extra files bit for bit", () => {
    const dir = join(root, "last");
    writeCheckpoint(dir, tensors(1), { "trainer.json": '{"step":3}\n' });
    expect(fs.readdirSync(dir).sort()).toEqual(["manifest.json", "trainer.json", "weights.bin", "weights.json"]);
    const ck = readCheckpoint(dir);
    expect(ck.dir).toBe(dir);
    expect(ck.tensors.map((t) => [t.name, t.kind, t.shape])).toEqual(tensors(1).map((t) => [t.name, t.kind, t.shape]));
    ck.tensors.forEach((t, i) => expect(Array.from(t.data)).toEqual(Array.from(tensors(1)[i].data)));
    expect(Object.is(ck.tensors[0].data[5], -0)).toBe(true);
    expect(ck.files["trainer.json"].toString()).toBe('{"step":3}\n');
    const index = JSON.parse(fs.readFileSync(join(dir, "weights.json"), "utf8"));
    expect(index.tensors["bn.mean"]).toEqual({ offset: 24, shape: [2], kind: "buffer" });
    expect(fs.statSync(join(dir, "weights.bin")).size).toBe(4 * (6 + 2 + 6 + 1));
  });

  it("replaces an older checkpoint and leaves no temporary files", () => {
    const dir = join(root, "last");
    writeCheckpoint(dir, tensors(1));
    writeCheckpoint(dir, tensors(2));
    expect(readCheckpoint(dir).tensors[1].data[1]).toBe(2);
    expect(fs.readdirSync(root)).toEqual(["last"]);
  });

  it("refuses a corrupt or half-written checkpoint", () => {
    const dir = join(root, "last");
    writeCheckpoint(dir, tensors(1));
    const bin = join(dir, "weights.bin");
    const bytes = fs.readFileSync(bin);
    bytes[5] ^= 1;
    fs.writeFileSync(bin, bytes);
    expect(() => readCheckpoint(dir)).toThrow(CheckpointError);
    expect(() => readCheckpoint(dir)).toThrow(/weights.bin: size or checksum differs/);
    fs.writeFileSync(bin, bytes.subarray(0, 10));
    expect(() => readCheckpoint(dir)).toThrow(/checksum/);
    fs.rmSync(join(dir, "manifest.json"));
    expect(() => readCheckpoint(dir)).toThrow(/no manifest.json/);
    expect(() => readCheckpoint(join(root, "none"))).toThrow(/no checkpoint at/);
    expect(hasCheckpoint(join(root, "none"))).toBe(false);
  });

  it("falls back to DIR.old when a swap was interrupted, and cleans stale temporaries", () => {
    const dir = join(root, "last");
    writeCheckpoint(dir, tensors(4));
    // a crash between `DIR -> DIR.old` and `tmp -> DIR` leaves only these two
    fs.renameSync(dir, `${dir}.old`);
    fs.mkdirSync(join(root, ".last.tmp-999"));
    fs.writeFileSync(join(root, ".last.tmp-999", "weights.bin"), "partial");
    expect(hasCheckpoint(dir)).toBe(true);
    expect(readCheckpoint(dir).dir).toBe(`${dir}.old`);
    expect(readCheckpoint(dir).tensors[1].data[1]).toBe(4);
    writeCheckpoint(dir, tensors(5));
    expect(fs.readdirSync(root)).toEqual(["last"]);
    expect(readCheckpoint(dir).tensors[1].data[1]).toBe(5);
  });
});

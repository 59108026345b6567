import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataError } from "../../src/data/errors.js";
import { LogBuilder } from "../../src/data/log.js";
import { FeatureVocab, VocabBuilder, sortedOrder } from "../../src/data/vocab.js";
import { Vocabulary, denseStats } from "../../src/data/vocabulary.js";

describe("vocabularies", () => {
  it("reserves 0 for padding and 1 for unseen values; real values start at 2 in sorted order", () => {
    const b = new VocabBuilder("genre");
    expect([b.add("z"), b.add("a"), b.add("z"), b.add("m")]).toEqual([0, 1, 0, 2]);
    const { vocab, remap } = b.finish();
    expect(vocab.values).toEqual(["a", "m", "z"]);
    expect(Array.from(remap)).toEqual([4, 2, 3]);
    expect(vocab.size).toBe(5);
    expect(vocab.encode("m")).toBe(3);
    expect(vocab.encode("nope")).toBe(1);
    expect(vocab.decode(0)).toBeUndefined();
    expect(vocab.decode(1)).toBeUndefined();
    expect(vocab.decode(4)).toBe("z");
  });

  it("keeps integer-looking raw values distinct from their non-canonical spellings", () => {
    const b = new VocabBuilder("zip");
    expect([b.add("7"), b.add("007"), b.add("7"), b.add("16777216"), b.add("0"), b.add("-3")]).toEqual([0, 1, 0, 2, 3, 4]);
    expect(b.lookup("007")).toBe(1);
    expect(b.lookup("8")).toBe(-1);
    expect(b.lookup("99999")).toBe(-1);
    expect(b.finish().vocab.values).toEqual(["-3", "0", "007", "7", "16777216"]);
  });

  it("sorts numbers numerically and mixed values by code units", () => {
    expect(sortedOrder(["10", "9", "-1", "2.5"]).map((i) => ["10", "9", "-1", "2.5"][i])).toEqual(["-1", "2.5", "9", "10"]);
    expect(sortedOrder(["10", "9", "b", "A"]).map((i) => ["10", "9", "b", "A"][i])).toEqual(["10", "9", "A", "b"]);
  });

  it("strict encoding names the feature and the value", () => {
    const v = new Vocabulary();
    v.addSparse(new FeatureVocab("item_id", ["i1", "i2"]));
    expect(v.encode("item_id", "i2")).toBe(3);
    expect(v.encode("hist_item_id", "i1")).toBe(2);
    expect(v.encode("neg_item_id", "i9")).toBe(1);
    expect(() => v.encode("item_id", "i9", { strict: true })).toThrow(
      new DataError('unknown value "i9" for feature "item_id" (not seen in the training data)'),
    );
    expect(() => v.encode("genre", "x")).toThrow(new DataError('unknown feature "genre" (the vocabulary has: item_id)'));
  });

  it("saves and loads vocabularies and dense statistics", () => {
    const v = new Vocabulary();
    v.addSparse(new FeatureVocab("user_id", ["7", "8", "10"]));
    v.addSparse(new FeatureVocab("cate_id", ['a"b', "é"]));
    v.addDense("price", { mean: 2, std: 0.5 });
    const path = join(mkdtempSync(join(tmpdir(), "rech-vocab-")), "vocab.json");
    v.save(path);
    const w = Vocabulary.load(path);
    expect(w.feature("user_id").values).toEqual(["7", "8", "10"]);
    expect(w.encode("user_id", 10)).toBe(4);
    expect(w.encode("cate_id", "é")).toBe(3);
    expect(w.normalize("price", 3)).toBe(2);
    expect(w.normalize("price", Number.NaN)).toBe(0);
    expect(JSON.stringify(w.toJSON())).toBe(JSON.stringify(v.toJSON()));
    expect((v.toJSON() as { sparse: Record<string, unknown> }).sparse.user_id).toEqual({ size: 5, padding: 0, unseen: 1, ids: { "7": 2, "8": 3, "10": 4 } });
  });

  it("rejects broken vocabulary files with the file name", () => {
    const dir = mkdtempSync(join(tmpdir(), "rech-vocab-"));
    const p = join(dir, "v.json");
    writeFileSync(p, "{");
    expect(() => Vocabulary.load(p)).toThrow(/v\.json: invalid JSON/);
    writeFileSync(p, JSON.stringify({ format: "rech-vocab", version: 1, sparse: { a: { size: 4, ids: { x: 2, y: 2 } } } }));
    expect(() => Vocabulary.load(p)).toThrow(new DataError(`${p}: feature "a": bad id 2 for value "y" (ids run from 2 to 3, each once)`));
    expect(() => Vocabulary.load(join(dir, "missing.json"))).toThrow(new DataError(`${join(dir, "missing.json")}: cannot read the vocabulary file (ENOENT)`));
  });

  it("normalises dense side features with stored mean and std", () => {
    expect(denseStats([1, 3, Number.NaN])).toEqual({ mean: 2, std: 1 });
    expect(denseStats([5, 5])).toEqual({ mean: 5, std: 1 });
    const b = new LogBuilder("t");
    b.add("u1", "i1", 1);
    b.setDense("user", "income", b.lastUser, 10);
    b.add("u2", "i1", 2);
    b.setDense("user", "income", b.lastUser, 30);
    b.add("u3", "i1", 3);
    const log = b.finish();
    expect(log.vocab.dense.get("income")).toEqual({ mean: 20, std: 10 });
    expect(Array.from(log.userDense.income!)).toEqual([0, 0, -1, 1, 0]);
  });
});

// The HTTP server end to end: real worker threads, real onnxruntime sessions of a hand-written user tower,
// answers checked against a plain-JS recomputation (fixtures/tiny-model.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createIndex, ExactIndex } from "../../src/retrieval/index/index.js";
import { readItemStore, writeItemStore } from "../../src/retrieval/serve/item-store.js";
import { startServer, type RunningServer } from "../../src/retrieval/serve/server.js";
import { writeTinyModel, type TinyModel } from "./fixtures/tiny-model.js";
import { describeFaiss } from "./faiss-gate.js";

interface Answer {
  status: number;
  body: { items?: { item: string; score: number }[]; error?: string; status?: string; workers?: number; index?: string };
}

async function call(base: string, path: string, body?: unknown, raw?: string): Promise<Answer> {
  const init: RequestInit = body === undefined && raw === undefined ? {} : { method: "POST", body: raw ?? JSON.stringify(body), headers: { "content-type": "application/json" } };
  const res = await fetch(base + path, init);
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

function expectSame(got: Answer, want: { item: string; score: number }[]): void {
  expect(got.status).toBe(200);
  expect(got.body.items!.map((x) => x.item)).toEqual(want.map((x) => x.item));
  got.body.items!.forEach((x, j) => expect(x.score).toBeCloseTo(want[j]!.score, 4));
}

describe("rech serve (single-interest tower, exact search, 2 workers)", () => {
  let model: TinyModel;
  let server: RunningServer;
  beforeAll(async () => {
    model = writeTinyModel(mkdtempSync(join(tmpdir(), "rech-serve-")));
    server = await startServer({ modelDir: model.dir, port: 0, workers: 2, maxK: 50 });
  });
  afterAll(async () => server?.close());

  it("answers /health", async () => {
    const h = await call(server.url, "/health");
    expect(h).toEqual({ status: 200, body: { status: "ok", model: "TinyTower", items: 50, index: "exact", workers: 2 } });
  });

  it("recommends what the tower and an exact scan give, excluding seen items unless asked not to", async () => {
    const hist = ["i3", "i17", "i42"];
    const a = await call(server.url, "/recommend", { user: { user_id: "u5", hist_item_id: hist, age: 41 }, k: 10 });
    expectSame(a, model.expected("u5", hist, 41, 10, true));
    expect(a.body.items!.some((x) => hist.includes(x.item))).toBe(false);
    const b = await call(server.url, "/recommend", { user: { user_id: "u5", hist_item_id: hist, age: 41 }, k: 10, exclude_seen: false });
    expectSame(b, model.expected("u5", hist, 41, 10, false));
  });

  it("serves concurrent requests (more than workers) correctly", async () => {
    const reqs = Array.from({ length: 40 }, (_, i) => ({ user: model.users[i % 20]!, hist: [model.items[i % 50]!, model.items[(i * 7) % 50]!], age: 20 + i }));
    const answers = await Promise.all(reqs.map((r) => call(server.url, "/recommend", { user: { user_id: r.user, hist_item_id: r.hist, age: r.age }, k: 5 })));
    answers.forEach((a, i) => expectSame(a, model.expected(reqs[i]!.user, reqs[i]!.hist, reqs[i]!.age, 5, true)));
  });

  it("answers malformed requests with 400 naming the field, and keeps serving", async () => {
    const bad = await call(server.url, "/recommend", { user: { user_id: "u1", age: 3, hist_item_id: "abc" } });
    expect(bad).toEqual({ status: 400, body: { error: 'field "user.hist_item_id": expected a list of ids, found "abc"' } });
    const json = await call(server.url, "/recommend", undefined, "{not json");
    expect(json.status).toBe(400);
    expect(json.body.error).toMatch(/^request body: invalid JSON/);
    expect((await call(server.url, "/recommend", { user: { user_id: "u1", age: 3 }, k: 51 })).body.error).toBe('field "k": expected an integer from 1 to 50, found 51');
    expect((await call(server.url, "/nope")).status).toBe(404);
    expect((await call(server.url, "/recommend")).status).toBe(405);
    const ok = await call(server.url, "/recommend", { user: { user_id: "u2", age: 30 }, k: 3 });
    expectSame(ok, model.expected("u2", [], 30, 3, true));
  });
});

describe("rech serve (two-interest tower, saved index file)", () => {
  it("merges the interests per user and searches the index the options name", async () => {
    const model = writeTinyModel(mkdtempSync(join(tmpdir(), "rech-serve-")), { interests: 2, seed: 9 });
    const store = readItemStore(model.dir);
    const indexFile = join(model.dir, "items.idx");
    ExactIndex.fromVectors(store.dim, store.vectors, store.count).save(indexFile);
    const server = await startServer({ modelDir: model.dir, port: 0, workers: 1, indexFile });
    try {
      expect(server.indexKind).toBe("exact");
      const hist = ["i1", "i2", "i3", "i4", "i5", "i6"];
      const a = await call(server.url, "/recommend", { user: { user_id: "u9", hist_item_id: hist, age: 25 }, k: 8 });
      expectSame(a, model.expected("u9", hist, 25, 8, true));
    } finally {
      await server.close();
    }
  });

  it("refuses to start on a broken model directory with a message naming the file", async () => {
    await expect(startServer({ modelDir: join(tmpdir(), "rech-no-such-dir"), port: 0 })).rejects.toThrow(/model\.json: cannot read \(ENOENT\)/);
  });
});

describeFaiss("rech serve with a faiss index named in items.json", () => {
  it("searches the faiss index on the main thread and answers like exact search", async () => {
    const model = writeTinyModel(mkdtempSync(join(tmpdir(), "rech-serve-")), { seed: 21 });
    const store = readItemStore(model.dir);
    const flat = createIndex({ kind: "faiss-flat" }, store.dim);
    flat.add(store.vectors, store.count);
    flat.save(join(model.dir, "items.flat.faiss"));
    writeItemStore(model.dir, { ids: store.ids, vectors: store.vectors, dim: store.dim, idFeature: store.idFeature, index: "items.flat.faiss" });
    const server = await startServer({ modelDir: model.dir, port: 0, workers: 2 });
    try {
      expect(server.indexKind).toBe("faiss-flat");
      const hist = ["i7", "i8"];
      const answers = await Promise.all([1, 2, 3, 4].map((i) => call(server.url, "/recommend", { user: { user_id: `u${i}`, hist_item_id: hist, age: 30 + i }, k: 6 })));
      answers.forEach((a, i) => expectSame(a, model.expected(`u${i + 1}`, hist, 31 + i, 6, true)));
    } finally {
      await server.close();
    }
  });
});

describe("rech serve as a separate process (bin/rech.js serve)", () => {
  it("loads its workers, answers, and stops on SIGTERM", async () => {
    const model = writeTinyModel(mkdtempSync(join(tmpdir(), "rech-serve-")));
    const child = spawn(process.execPath, [join(import.meta.dirname, "..", "..", "bin", "rech.js"), "serve", "--model-dir", model.dir, "--port", "0", "--workers", "1"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${err}`)));
    });
    try {
      const a = await call(url, "/recommend", { user: { user_id: "u1", hist_item_id: ["i2"], age: 35 }, k: 4 });
      expectSame(a, model.expected("u1", ["i2"], 35, 4, true));
    } finally {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    expect(err).toBe("");
  });
});

// `rech serve`: an HTTP JSON endpoint over a model directory (node:http, no framework).
//   GET  /health     -> 200 {"status":"ok","model":...,"items":n,"index":kind,"workers":w}
//   POST /recommend  -> 200 {"items":[{"item":"<raw id>","score":0.93}, ...]}
//                       400 {"error":"field \"user.age\": expected a number, found \"x\""} for malformed requests
// Validation and id encoding run on the event loop (cheap); the user tower and the index search run in a
// pool of worker threads, so concurrent requests are served in parallel.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { availableParallelism } from "node:os";
import { ItemCatalog } from "../catalog.js";
import { loadIndex } from "../index/index.js";
import { retrieve } from "../retrieve.js";
import { readItemStore } from "./item-store.js";
import { readModelInfo, ServeError } from "./model-dir.js";
import { PoolBusyError, WorkerPool } from "./pool.js";
import type { IndexSource, WorkerInit } from "./protocol.js";
import { buildSchema, parseRecommendRequest } from "./request.js";

export interface ServeOptions {
  modelDir: string;
  /** 0 = any free port */
  port: number;
  host?: string;
  /** inference workers (default: min(4, CPUs)) */
  workers?: number;
  /** a saved index to search instead of the one items.json names (or exact search) */
  indexFile?: string;
  maxK?: number;
  maxBodyBytes?: number;
  maxQueue?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  workers: number;
  indexKind: string;
  close(): Promise<void>;
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const info = readModelInfo(opts.modelDir);
  const items = readItemStore(opts.modelDir, true);
  if (items.dim !== info.embedDim) {
    throw new ServeError(`items.json: dim ${items.dim} differs from model.json's embedDim ${info.embedDim}`);
  }
  const schema = buildSchema(info.userInputs, info.vocab, items.idFeature, opts.maxK ?? 1000);
  const indexPath = opts.indexFile ?? items.indexFile;
  // faiss indexes are searched here on the main thread (see protocol.ts); exact ones in the workers
  const mainIndex = indexPath && loadIndex(indexPath);
  const onMain = mainIndex && mainIndex.kind !== "exact" ? mainIndex : undefined;
  if (mainIndex && mainIndex.count !== items.count) throw new ServeError(`${indexPath}: the index has ${mainIndex.count} rows but items.json lists ${items.count} items`);
  const catalog = new ItemCatalog(items.ids);
  const index: IndexSource = onMain ? { kind: "main" } : indexPath ? { kind: "file", path: indexPath }
    : { kind: "shared", vectors: items.vectors, count: items.count, dim: items.dim };
  const size = Math.max(1, opts.workers ?? Math.min(4, availableParallelism()));
  const init: WorkerInit = {
    entry: new URL("./worker.ts", import.meta.url).href,
    userTower: info.userTower,
    interests: info.interests,
    ids: items.ids,
    index,
    threads: 1,
  };
  let pool: WorkerPool;
  try {
    pool = await WorkerPool.start(init, size, opts.maxQueue ?? 1024);
  } catch (e) {
    throw new ServeError(`cannot start the inference workers: ${(e as Error).message}`);
  }
  const maxBody = opts.maxBodyBytes ?? 1 << 20;
  const decode = (id: number): string => schema.itemVocab.decode(id) ?? String(id);

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, 500, { error: `internal error: ${(e as Error).message}` }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/health") {
      if (req.method !== "GET") return send(res, 405, { error: "use GET /health" });
      return send(res, 200, { status: "ok", model: info.model, items: items.count, index: onMain?.kind ?? pool.indexKind, workers: pool.size });
    }
    if (path !== "/recommend") return send(res, 404, { error: `no route ${req.method} ${path} (routes: GET /health, POST /recommend)` });
    if (req.method !== "POST") return send(res, 405, { error: "use POST /recommend with a JSON body" });
    const text = await readBody(req, maxBody);
    if (text === undefined) return send(res, 413, { error: `request body larger than ${maxBody} bytes` });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return send(res, 400, { error: `request body: invalid JSON (${(e as Error).message})` });
    }
    const parsed = parseRecommendRequest(body, schema);
    if (!parsed.ok) return send(res, 400, { error: parsed.message });
    let result;
    try {
      const r = await pool.run(parsed.value);
      if ("items" in r) result = r;
      else {
        const seen = parsed.value.seen;
        result = retrieve(onMain!, catalog, r.vector, 1, { k: parsed.value.k, interests: r.interests, ...(seen ? { seen: () => seen } : {}) });
      }
    } catch (e) {
      if (e instanceof PoolBusyError) return send(res, 503, { error: e.message });
      return send(res, 500, { error: `inference failed: ${(e as Error).message}` });
    }
    const out: { item: string; score: number }[] = [];
    for (let j = 0; j < result.items.length; j++) {
      if (result.items[j]! < 0) break;
      out.push({ item: decode(result.items[j]!), score: result.scores[j]! });
    }
    return send(res, 200, { items: out });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", () => resolve());
  }).catch(async (e: NodeJS.ErrnoException) => {
    await pool.close();
    throw new ServeError(`cannot listen on ${opts.host ?? "127.0.0.1"}:${opts.port} (${e.code ?? e.message})`);
  });
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : opts.port;
  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${port}`,
    port,
    workers: pool.size,
    indexKind: onMain?.kind ?? pool.indexKind,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool.close();
    },
  };
}

/** The body as text, or undefined when it exceeds `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else parts.push(c);
    });
    req.on("end", () => resolve(over ? undefined : Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

// rech serve --model-dir DIR --port P: the HTTP JSON top-K endpoint (inference in worker threads).
import { startServer } from "../../retrieval/serve/server.js";
import type { Command } from "../cli.js";
import { UsageError } from "../errors.js";

export const serveCommand: Command = {
  spec: {
    name: "serve",
    summary: "serve top-K retrieval over HTTP: POST /recommend, GET /health",
    usage: "rech serve --model-dir DIR [--port P] [--host H] [--workers N] [--index FILE]",
    options: [
      { name: "model-dir", type: "string", help: "a model directory written by rech train", required: true, value: "DIR" },
      { name: "port", type: "number", help: "port (0 = any free port)", default: 8080, value: "P" },
      { name: "host", type: "string", help: "address to listen on", default: "127.0.0.1", value: "H" },
      { name: "workers", type: "number", help: "inference worker threads (default min(4, CPUs))", value: "N" },
      { name: "index", type: "string", help: "a saved index to search (default: the one items.json names, else exact)", value: "FILE" },
    ],
  },
  async run({ opts }) {
    const port = Number(opts.port);
    if (!(Number.isInteger(port) && port >= 0 && port < 65536)) throw new UsageError(`rech serve: --port must be 0..65535, found ${String(opts.port)}`);
    const server = await startServer({
      modelDir: String(opts["model-dir"]), port, host: String(opts.host),
      workers: opts.workers === undefined ? undefined : Number(opts.workers), indexFile: opts.index as string | undefined,
    });
    process.stdout.write(`rech serve: listening on ${server.url} (${server.workers} workers, ${server.indexKind} index)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => void server.close().then(resolve);
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    return 0;
  },
};

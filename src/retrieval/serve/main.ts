// Standalone entry of the server (the `rech serve` command can call startServer directly):
//   node --import tsx src/retrieval/serve/main.ts --model-dir DIR [--port 8080] [--host 127.0.0.1]
//        [--workers N] [--index FILE]
// Prints "rech serve: listening on http://HOST:PORT" once ready; stops on SIGINT/SIGTERM.
import { startServer } from "./server.js";

function usage(message: string): never {
  process.stderr.write(`rech serve: ${message}\nusage: main.ts --model-dir DIR [--port P] [--host H] [--workers N] [--index FILE]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const opts: Record<string, string> = {};
for (let i = 0; i < args.length; i += 2) {
  const key = args[i]!;
  if (!["--model-dir", "--port", "--host", "--workers", "--index"].includes(key)) usage(`unknown option ${key}`);
  if (i + 1 >= args.length) usage(`${key} needs a value`);
  opts[key.slice(2)] = args[i + 1]!;
}
if (!opts["model-dir"]) usage("--model-dir is required");
const int = (name: string, def: number | undefined): number | undefined => {
  const v = opts[name];
  if (v === undefined) return def;
  if (!/^\d+$/.test(v)) usage(`--${name} expects a non-negative integer, found "${v}"`);
  return Number(v);
};

try {
  const server = await startServer({
    modelDir: opts["model-dir"],
    port: int("port", 8080)!,
    host: opts.host,
    workers: int("workers", undefined),
    indexFile: opts.index,
  });
  process.stdout.write(`rech serve: listening on ${server.url} (${server.workers} workers, ${server.indexKind} index)\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (e) {
  process.stderr.write(`rech serve: ${(e as Error).message}\n`);
  process.exit(1);
}

// Entry point of the rech command (bin/rech.js imports this file).
import { main } from "./cli.js";

// A reader that goes away (`rech check models.rech | head -1`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
  });
}

process.exitCode = await main(process.argv.slice(2));

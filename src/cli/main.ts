// Entry point of the rech command (bin/rech.js imports this file).
import { main } from "./cli.js";

process.exitCode = await main(process.argv.slice(2));

// rech data --out DIR: the built-in synthetic dataset as CSV files (see docs/data.md for its generative model).
import { writeBuiltinCsv } from "../../data/save-csv.js";
import type { Command } from "../cli.js";

export const dataCommand: Command = {
  spec: {
    name: "data",
    summary: "write the built-in synthetic dataset as CSV (interactions, users, items)",
    usage: "rech data --out DIR [--size default|small] [--seed N]",
    options: [
      { name: "out", type: "string", help: "output directory", required: true, value: "DIR" },
      { name: "size", type: "string", help: "default: about 6k users, 4k items, 1M interactions", choices: ["default", "small"], default: "default", value: "SIZE" },
      { name: "seed", type: "number", help: "generator seed", default: 2022, value: "N" },
    ],
  },
  async run({ opts }) {
    const size = String(opts.size) as "default" | "small";
    const log = await writeBuiltinCsv(String(opts.out), { size, seed: Number(opts.seed) });
    process.stdout.write(`wrote ${log.size} interactions of ${log.vocab.feature("user_id").size - 2} users and ${log.vocab.feature("item_id").size - 2} items to ${String(opts.out)}\n`);
    return 0;
  },
};

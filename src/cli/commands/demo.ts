// rech demo: the main job on the built-in dataset (train, evaluate, export, retrieve).
import { runDemo } from "../../jobs/demo.js";
import type { Command } from "../cli.js";

export const demoCommand: Command = {
  spec: {
    name: "demo",
    summary: "the main job: train a model on the built-in dataset, evaluate, export, index and retrieve",
    usage: "rech demo [--out DIR] [--model NAME] [--data SOURCE] [--epochs N]",
    options: [
      { name: "out", type: "string", help: "where the model directory goes", default: "runs/demo", value: "DIR" },
      { name: "model", type: "string", help: "a model of models.rech", default: "YoutubeDNN", value: "NAME" },
      { name: "data", type: "string", help: "builtin, builtin:small, a MovieLens directory or a CSV log", default: "builtin", value: "SOURCE" },
      { name: "epochs", type: "number", help: "epochs", default: 3, value: "N" },
      { name: "seed", type: "number", help: "seed", default: 2022, value: "N" },
      { name: "users", type: "number", help: "users whose top-10 is printed", default: 5, value: "N" },
    ],
  },
  async run({ opts }) {
    await runDemo({
      out: String(opts.out), model: String(opts.model), data: String(opts.data), epochs: Number(opts.epochs),
      seed: Number(opts.seed), users: Number(opts.users), log: (l) => process.stdout.write(`${l}\n`),
    });
    return 0;
  },
};

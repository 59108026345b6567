// Trains DSSM, FaceBookDSSM, YoutubeDNN and YoutubeSBC (each in the modes they support) on the built-in
// dataset and prints one table with the most-popular and item-transition baselines: model, mode, epochs,
// seconds and full-ranking test metrics. Also writes runs/bench/models.json and models.svg.
//   node --import tsx bench/models-table.ts [--data builtin] [--epochs 3] [--only DSSM,...]
import { FIRST_FOUR } from "../src/jobs/model-runs.js";
import { opt } from "./common.js";
import { tableOptions, trainTable } from "./train-table.js";

await trainTable(FIRST_FOUR, tableOptions(opt, "models"));

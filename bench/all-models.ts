// Trains all twelve models of models.rech (one run each, DSSM point-wise; learning rates in
// src/jobs/model-runs.ts) on a dataset and prints one table with the most-popular and item-transition
// baselines: model, mode, epochs, seconds, full-ranking test Recall / NDCG ... @10/20/50. Also writes
// runs/bench/all-models.json and all-models.svg.
//   node --import tsx bench/all-models.ts [--data builtin:small] [--epochs 3] [--only MIND,SASRec] [--out DIR]
import { ALL_MODELS } from "../src/jobs/model-runs.js";
import { opt } from "./common.js";
import { tableOptions, trainTable } from "./train-table.js";

await trainTable(ALL_MODELS, tableOptions(opt, "all-models"));

// Public face of the evaluator and model builder: load a program, list models, build inference towers and
// the training forward graph, describe a model.
export { loadProgram, listModels, sourceLookup, PRELUDE_FILE, type Program } from "../evaluate/program.js";
export type { ResolvedFeature } from "../evaluate/features.js";
export type { Overrides } from "../evaluate/model-env.js";
export { buildTower } from "./tower.js";
export { buildTrainForward, type SparseTable, type TrainForward } from "./train.js";
export { modelInfo, countParams, checkModels, type ModelInfo } from "./info.js";
export type { TrainSettings, Mode, Score } from "./settings.js";

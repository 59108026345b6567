export { addOptimizer, type OptimParam, type OptimizerGraph, type StateSlot } from "./optimizer.js";
export {
  LR_INPUT, STEP_INPUT, newName, stateName,
  type OptimizerConfig, type AdamConfig, type SgdConfig, type AdagradConfig,
} from "./config.js";
export { addPackedOptimizer, packParams, PACKED_PARAMS, type Packed } from "./pack.js";
export { packSparseTables, packedRowsName, type SparseTableSpec } from "./pack-rows.js";
export { clipByGlobalNorm } from "./clip.js";
export { lrAt, type LrSchedule } from "./schedule.js";

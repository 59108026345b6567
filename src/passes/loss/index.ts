export { pointwiseBCE } from "./pointwise.js";
export { pairwiseBPR } from "./pairwise.js";
export { listwiseCE, type ListwiseOptions } from "./listwise.js";
export { inBatchSoftmax, inBatchBPR, type InBatchOptions } from "./inbatch.js";

export * from "./types.js";
export * from "./tensor.js";
export * from "./ops.js";
export * from "./graph.js";
export { printGraph } from "./print.js";
export { verifyGraph, assertValid } from "./verify.js";
export { interpret, type InterpResult } from "./interp.js";

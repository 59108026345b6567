// The builtin names the parser tests assume (the evaluator supplies the real set).
export const TEST_BUILTINS: ReadonlySet<string> = new Set([
  "activate", "batchnorm", "concat", "dim", "dot", "dropout", "embed", "expand", "gather", "gru_cell",
  "l2norm", "max", "mean_pool", "normal", "param", "pow", "range", "relu", "sigmoid", "softmax", "squash",
  "stack", "stop_gradient", "sum", "tile", "top_k", "transpose", "uniform01", "uniform_fanin", "zeros",
  "zeros_like",
]);

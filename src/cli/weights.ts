// Fresh weights of a graph's params and buffers from their init recipes, for a seed.
import type { Graph } from "../ir/graph.js";
import type { Tensor } from "../ir/tensor.js";
import { bindShape } from "../ir/types.js";
import { initTensor } from "../train/init.js";

export function freshWeights(g: Graph, seed: number): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const i of g.inputs) {
    if (i.kind !== "param" && i.kind !== "buffer") continue;
    const shape = bindShape(g.type(i.value).shape, {});
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    initTensor(data, shape, i.init, seed, i.name);
    out[i.name] = { dtype: "f32", shape, data };
  }
  return out;
}

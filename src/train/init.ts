// Initial values of params, buffers and optimizer state from their InitSpec, and noise fills.
// Each tensor gets its own stream, deriveSeed(seed, "init", name), so adding or reordering tensors does
// not change the others' values.
import type { InitSpec } from "../ir/graph.js";
import { deriveSeed, Prng } from "./prng.js";

/** Fills `out` (row-major, `shape`) from `spec`; no spec means zeros (optimizer state). */
export function initTensor(out: Float32Array, shape: readonly number[], spec: InitSpec | undefined, seed: number, name: string): void {
  if (!spec) {
    out.fill(0);
    return;
  }
  const rng = new Prng(deriveSeed(seed, "init", name));
  switch (spec.kind) {
    case "constant":
      out.fill(spec.value);
      return;
    case "normal":
      rng.fillNormal(out, spec.mean, spec.std);
      zeroRow(out, shape, spec.zeroRow);
      return;
    case "uniform":
      rng.fillUniform(out, spec.low, spec.high);
      zeroRow(out, shape, spec.zeroRow);
      return;
    case "noise":
      throw new Error(`${name}: a noise input has no initial value`);
  }
}

function zeroRow(out: Float32Array, shape: readonly number[], row: number | undefined): void {
  if (row === undefined) return;
  const width = shape.length === 0 ? 1 : out.length / shape[0];
  out.fill(0, row * width, (row + 1) * width);
}

/** Fills `out` with the noise of `input` at global step `step` (1-based): U[0,1) or N(0,1). */
export function fillNoise(out: Float32Array, spec: InitSpec | undefined, seed: number, step: number, input: string): void {
  const rng = new Prng(deriveSeed(seed, "noise", step, input));
  const dist = spec && spec.kind === "noise" ? spec.dist : "uniform";
  if (dist === "normal") rng.fillNormal(out, 0, 1);
  else rng.fillUniform(out, 0, 1);
}

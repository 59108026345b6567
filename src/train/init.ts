// Initial values of params, buffers and optimizer state from their InitSpec, and noise fills.
// Each tensor gets its own stream, deriveSeed(seed, "init", name), so adding or reordering tensors does
// not change the others' values.
import type { InitSpec } from "../ir/graph.js";
import { deriveSeed, Prng } from "./prng.js";

/** Fills `out` (row-major, `shape`) from `spec`; no spec means zeros (optimizer state). */
export function initTensor(out: Float32Array, shape: readonly number[], spec: InitSpec | undefined, seed: number, name: string): void {
  initStream(spec, seed, name)(out);
  if (spec && (spec.kind === "normal" || spec.kind === "uniform")) zeroRow(out, shape, spec.zeroRow);
}

/**
 * The values of a tensor as a stream: each call fills its argument with the next values (zeroRow is the
 * caller's job). Filling in chunks of even length gives exactly the values of one initTensor call, which
 * lets large tables be initialised piecewise.
 */
export function initStream(spec: InitSpec | undefined, seed: number, name: string): (out: Float32Array) => void {
  if (!spec) return (out) => out.fill(0);
  const rng = new Prng(deriveSeed(seed, "init", name));
  switch (spec.kind) {
    case "constant":
      return (out) => out.fill(spec.value);
    case "normal":
      return (out) => rng.fillNormal(out, spec.mean, spec.std);
    case "uniform":
      return (out) => rng.fillUniform(out, spec.low, spec.high);
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

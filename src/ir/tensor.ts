// Concrete tensors used by the interpreter, constants and the runtime boundary.
import type { DType } from "./types.js";

export type TensorData = Float64Array | Float32Array | Int32Array | Uint8Array;

export interface Tensor {
  dtype: DType;
  shape: number[];
  data: TensorData;
}

export function size(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function allocData(dtype: DType, n: number): TensorData {
  if (dtype === "f32") return new Float64Array(n);
  if (dtype === "i32") return new Int32Array(n);
  return new Uint8Array(n);
}

export function tensor(dtype: DType, shape: number[], data?: ArrayLike<number>): Tensor {
  const t: Tensor = { dtype, shape: [...shape], data: allocData(dtype, size(shape)) };
  if (data) {
    if (data.length !== t.data.length) {
      throw new Error(`tensor data has ${data.length} values, shape ${JSON.stringify(shape)} needs ${t.data.length}`);
    }
    for (let i = 0; i < data.length; i++) t.data[i] = data[i];
  }
  return t;
}

export function scalar(v: number, dtype: DType = "f32"): Tensor {
  return tensor(dtype, [], [v]);
}

/** Row-major strides. */
export function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

export function toFloat32(t: Tensor): Float32Array {
  return t.data instanceof Float32Array ? t.data : Float32Array.from(t.data);
}

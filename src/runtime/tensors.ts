// Conversion between IR tensors and onnxruntime tensors. f32 <-> float32 (Float32Array), i32 <-> int32
// (Int32Array), bool <-> bool (Uint8Array of 0/1). Typed arrays are shared, not copied, where the types allow.
import * as ort from "onnxruntime-node";
import type { Tensor } from "../ir/tensor.js";


export function toOrtTensor(t: Tensor): ort.Tensor {
  const dims = [...t.shape];
  switch (t.dtype) {
    case "f32":
      return new ort.Tensor("float32", t.data instanceof Float32Array ? t.data : Float32Array.from(t.data), dims);
    case "i32":
      return new ort.Tensor("int32", t.data instanceof Int32Array ? t.data : Int32Array.from(t.data), dims);
    case "bool": {
      const data = t.data instanceof Uint8Array ? t.data : Uint8Array.from(t.data, (v) => (v ? 1 : 0));
      return new ort.Tensor("bool", data, dims);
    }
  }
}

export function fromOrtTensor(t: ort.Tensor, name = "tensor"): Tensor {
  const shape = t.dims.map(Number);
  switch (t.type) {
    case "float32": return { dtype: "f32", shape, data: t.data as Float32Array };
    case "int32": return { dtype: "i32", shape, data: t.data as Int32Array };
    case "bool": return { dtype: "bool", shape, data: t.data as Uint8Array };
    case "int64": {
      const src = t.data as BigInt64Array;
      const data = new Int32Array(src.length);
      for (let i = 0; i < src.length; i++) {
        const v = Number(src[i]);
        if (v !== (v | 0)) throw new Error(`${name}: int64 value ${src[i]} does not fit in int32`);
        data[i] = v;
      }
      return { dtype: "i32", shape, data };
    }
    default:
      throw new Error(`${name}: onnxruntime returned a ${t.type} tensor, which the IR has no type for`);
  }
}


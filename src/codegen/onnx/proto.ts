// Builders for the ONNX protobuf messages the emitter writes: tensors (always as little-endian raw data),
// attributes, typed value infos. Plain objects of the onnx-proto interfaces; no op names live here.
import type { onnx } from "onnx-proto";
import type { Tensor } from "../../ir/tensor.js";
import type { Dim, DType, TensorType } from "../../ir/types.js";

/** onnx.TensorProto.DataType values (numbers, so this file needs no runtime import). */
export const ONNX_FLOAT = 1;
export const ONNX_INT32 = 6;
export const ONNX_INT64 = 7;
export const ONNX_BOOL = 9;

export function onnxDType(d: DType): number {
  switch (d) {
    case "f32": return ONNX_FLOAT;
    case "i32": return ONNX_INT32;
    case "bool": return ONNX_BOOL;
  }
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Little-endian bytes of the tensor's values converted to the ONNX element type of `dtype`. */
function rawBytes(dtype: DType | "i64", values: ArrayLike<number>): Uint8Array {
  const n = values.length;
  if (dtype === "bool") {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = values[i] ? 1 : 0;
    return out;
  }
  if (LITTLE_ENDIAN_HOST && dtype !== "i64") {
    // a fresh typed array (values converted as a DataView would) whose bytes are already little-endian
    const typed = dtype === "f32" ? Float32Array.from(values) : Int32Array.from(values);
    return new Uint8Array(typed.buffer);
  }
  const width = dtype === "i64" ? 8 : 4;
  const out = new Uint8Array(n * width);
  const view = new DataView(out.buffer);
  for (let i = 0; i < n; i++) {
    if (dtype === "f32") view.setFloat32(i * 4, values[i], true);
    else if (dtype === "i32") view.setInt32(i * 4, values[i], true);
    else view.setBigInt64(i * 8, BigInt(values[i]), true);
  }
  return out;
}

export function tensorProto(name: string, t: Tensor): onnx.ITensorProto {
  return { name, dims: [...t.shape], dataType: onnxDType(t.dtype), rawData: rawBytes(t.dtype, t.data) };
}

export function int64TensorProto(name: string, shape: number[], values: number[]): onnx.ITensorProto {
  for (const v of values) if (!Number.isSafeInteger(v)) throw new Error(`int64 constant ${v} is not an integer`);
  return { name, dims: [...shape], dataType: ONNX_INT64, rawData: rawBytes("i64", values) };
}

// Attribute builders (onnx.AttributeProto.AttributeType: FLOAT 1, INT 2, STRING 3, TENSOR 4, INTS 7).
export type Attr = onnx.IAttributeProto;
export const attrInt = (name: string, i: number): Attr => ({ name, type: 2, i });
export const attrInts = (name: string, ints: number[]): Attr => ({ name, type: 7, ints: [...ints] });
export const attrFloat = (name: string, f: number): Attr => ({ name, type: 1, f });
export const attrString = (name: string, s: string): Attr => ({ name, type: 3, s: new TextEncoder().encode(s) });
export const attrTensor = (name: string, t: onnx.ITensorProto): Attr => ({ name, type: 4, t });

/** A symbolic dim becomes a dim_param, renamed through `names` (e.g. {B: "batch"}); products keep their text. */
export function dimProto(d: Dim, names: Record<string, string>): onnx.TensorShapeProto.IDimension {
  if (typeof d === "number") return { dimValue: d };
  const param = d.split("*").map((p) => names[p] ?? p).join("*");
  return { dimParam: param };
}

export function valueInfo(name: string, t: TensorType, names: Record<string, string>): onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: onnxDType(t.dtype), shape: { dim: t.shape.map((d) => dimProto(d, names)) } } },
  };
}

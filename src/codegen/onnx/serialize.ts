// Serialisation of an emitted model, kept apart from the pure emitter.
import onnxProto from "onnx-proto";
import type { onnx } from "onnx-proto";

export function serializeModel(proto: onnx.IModelProto): Uint8Array {
  return onnxProto.onnx.ModelProto.encode(proto).finish();
}

/** Decode bytes back into a ModelProto (tests and tools). */
export function parseModel(bytes: Uint8Array): onnx.ModelProto {
  return onnxProto.onnx.ModelProto.decode(bytes);
}

export { emitModel, originText, DEFAULT_IR_VERSION, DEFAULT_OPSET, type EmitOptions } from "./emit.js";
export { serializeModel, parseModel } from "./serialize.js";

// The interface between the emitter and the lowering table: what a lowering sees of one IR node and
// the services it may call to add ONNX nodes and constants.
import type { OpAttrs, OpKind } from "../../ir/ops.js";
import type { Tensor } from "../../ir/tensor.js";
import type { TensorType } from "../../ir/types.js";
import type { Attr } from "./proto.js";

export interface LowerArgs<K extends OpKind> {
  attrs: OpAttrs[K];
  /** ONNX value names of the IR node's inputs and outputs */
  inputs: string[];
  outputs: string[];
  inTypes: TensorType[];
  outTypes: TensorType[];
}

export interface LowerCtx {
  /** Append an ONNX node; the emitter gives it a deterministic name and the IR node's origin as doc string. */
  node(opType: string, inputs: string[], outputs: string[], attrs?: Attr[]): void;
  /** A fresh name for an intermediate value of the current IR node, e.g. tmp("i64") -> "v7:i64". */
  tmp(tag: string): string;
  /** Name of a constant int64 tensor (1-D unless `shape` says otherwise), deduplicated, stored as an initializer. */
  int64(values: number[], shape?: number[]): string;
  /** Name of an initializer holding `t`. */
  initializer(t: Tensor): string;
  /** A graph input and axis whose size is the dimension symbol `sym`, if any. */
  symbolSource(sym: string): { input: string; axis: number } | undefined;
  /** A graph-wide value computed once: the first call runs `build(name)`, later calls return the same name. */
  memo(key: string, build: (name: string) => void): string;
}

export type Lowering<K extends OpKind> = (ctx: LowerCtx, n: LowerArgs<K>) => void;

/** Constants with at most this many elements become Constant nodes; larger ones become initializers. */
export const SMALL_CONSTANT = 16;

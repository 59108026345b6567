// Core-op cases, part two: shape manipulation, indexing, top-k, constants and fills.
import { tensor } from "../../src/ir/tensor.js";
import { b, c, f, i, none, ty, type OpCase } from "./op-cases.js";

const reshapes: OpCase[] = [
  c("Reshape with -1 gives a product dim", "Reshape", [f(["B", 4, 3])], { shape: [-1, 3] }, [ty("f32", ["4*B", 3])]),
  c("Reshape to a symbolic B", "Reshape", [f(["B", 12])], { shape: ["B", 3, 4] }, [ty("f32", ["B", 3, 4])]),
  c("Reshape flattens to -1", "Reshape", [f(["B", 2, 6])], { shape: [-1] }, [ty("f32", ["12*B"])]),
  c("Reshape static", "Reshape", [i([2, 6])], { shape: [3, -1] }, [ty("i32", [3, 4])]),
  c("Reshape with two symbols", "Reshape", [f(["B", "T", 6])], { shape: ["B", "T", 2, 3] }, [ty("f32", ["B", "T", 2, 3])]),
  c("Reshape to a product and a symbol", "Reshape", [f(["B", 2, "T", 3])], { shape: [-1, "T", 3] }, [ty("f32", ["2*B", "T", 3])]),
  c("Reshape merges B and T", "Reshape", [f(["B", "T", 3])], { shape: [-1, 3] }, [ty("f32", ["B*T", 3])]),
  c("Reshape an empty tensor", "Reshape", [f([0, 4])], { shape: [2, 0, 2] }, [ty("f32", [2, 0, 2])]),
  c("Reshape bools", "Reshape", [b(["B", 2, 2])], { shape: ["B", 4] }, [ty("bool", ["B", 4])]),
  c("Reshape rejects two -1", "Reshape", [f(["B", 4])], { shape: [-1, -1] }, "only once"),
  c("Reshape rejects a size mismatch", "Reshape", [f([2, 6])], { shape: [5, 2] }, "cannot reshape"),
  c("Reshape rejects a symbolic split that does not divide", "Reshape", [f(["B", 3])], { shape: [4, -1] }, "cannot reshape"),
];

const layout: OpCase[] = [
  c("Transpose rank 3", "Transpose", [f(["B", 3, 4])], { perm: [2, 0, 1] }, [ty("f32", [4, "B", 3])]),
  c("Transpose bools", "Transpose", [b(["B", 2, 3])], { perm: [0, 2, 1] }, [ty("bool", ["B", 3, 2])]),
  c("Transpose rejects a bad permutation", "Transpose", [f(["B", 3])], { perm: [0, 0] }, "does not fit"),
  c("Concat on the last axis", "Concat", [f(["B", 2]), f(["B", 3]), f(["B", 1])], { axis: 1 }, [ty("f32", ["B", 6])]),
  c("Concat i32 with a negative axis", "Concat", [i(["B", 2, 2]), i(["B", 2, 1])], { axis: -1 }, [ty("i32", ["B", 2, 3])]),
  c("Concat bools", "Concat", [b([2, "B"]), b([1, "B"])], { axis: 0 }, [ty("bool", [3, "B"])]),
  c("Concat rejects a symbolic axis", "Concat", [f(["B", 2]), f(["B", 2])], { axis: 0 }, "symbolic"),
  c("Concat rejects different dims", "Concat", [f(["B", 2]), f([4, 2])], { axis: 1 }, "differ in dimension 0"),
  c("Concat rejects mixed types", "Concat", [f(["B", 2]), i(["B", 2])], { axis: 1 }, "different element types"),
  c("Slice a middle range", "Slice", [f(["B", 5])], { axis: 1, start: 1, end: 4 }, [ty("f32", ["B", 3])]),
  c("Slice with a negative axis", "Slice", [i(["B", 3, 4])], { axis: -1, start: 0, end: 2 }, [ty("i32", ["B", 3, 2])]),
  c("Slice bools", "Slice", [b(["B", 4])], { axis: 1, start: 2, end: 4 }, [ty("bool", ["B", 2])]),
  c("Slice rejects a range past the end", "Slice", [f(["B", 5])], { axis: 1, start: 2, end: 6 }, "out of range"),
  c("Slice rejects a symbolic axis", "Slice", [f(["B", 5])], { axis: 0, start: 0, end: 1 }, "symbolic"),
  c("Expand a vector to B rows", "Expand", [f([3])], { shape: ["B", 3] }, [ty("f32", ["B", 3])]),
  c("Expand keeps B and widens", "Expand", [f(["B", 1])], { shape: ["B", 4] }, [ty("f32", ["B", 4])]),
  c("Expand a column to B and T", "Expand", [i(["B", 1, 1])], { shape: ["B", "T", 2] }, [ty("i32", ["B", "T", 2])]),
  c("Expand static", "Expand", [b([1, 3])], { shape: [2, 3] }, [ty("bool", [2, 3])]),
  c("Expand rejects incompatible dims", "Expand", [f([3])], { shape: [4] }, "cannot expand"),
];

const indexing: OpCase[] = [
  c("Gather rows with repeated ids", "Gather",
    [f([5, 3]), i(["B", 4], { data: [0, 1, 1, 4, 4, 4, 2, 0, 3, 3, 3, 3] })], none, [ty("f32", ["B", 4, 3])]),
  c("Gather from a vector", "Gather", [f([6]), i(["B"], { data: [5, 0, 5] })], none, [ty("f32", ["B"])]),
  c("Gather from an i32 table", "Gather", [i([4, 2]), i([3], { data: [3, 3, 1] })], none, [ty("i32", [3, 2])]),
  c("Gather rejects float indices", "Gather", [f([5, 3]), f([2])], none, "must be i32"),
  c("ScatterAdd with repeated indices", "ScatterAdd",
    [f([5, 3]), i([4], { data: [1, 3, 1, 1] }), f([4, 3])], none, [ty("f32", [5, 3])]),
  c("ScatterAdd rows indexed by B", "ScatterAdd",
    [f([4, 2]), i(["B"], { data: [2, 0, 2] }), f(["B", 2])], none, [ty("f32", [4, 2])]),
  c("ScatterAdd with 2-D indices", "ScatterAdd",
    [f([3, 2]), i(["B", 2], { data: [0, 2, 2, 2, 1, 0] }), f(["B", 2, 2])], none, [ty("f32", [3, 2])]),
  c("ScatterAdd i32", "ScatterAdd", [i([3]), i([4], { data: [2, 2, 0, 2] }), i([4])], none, [ty("i32", [3])]),
  c("ScatterAdd rejects updates of another type", "ScatterAdd", [f([3]), i([2]), i([2])], none, "one type"),
  c("ScatterAdd rejects mismatched updates", "ScatterAdd", [f([5, 3]), i([4]), f([4, 2])], none, "do not match"),
  c("TopK with ties keeps the lower index first", "TopK",
    [f(["B", 5], { data: [1, 3, 3, 0, 3, 2, 2, 2, 2, 2, -1, 5, 4, 5, 0] })], { k: 3 },
    [ty("f32", ["B", 3]), ty("i32", ["B", 3])]),
  c("TopK of i32 values", "TopK", [i(["B", 4], { data: [3, 1, 3, 2, -1, -1, -1, -1, 0, 9, 8, 9] })], { k: 2 },
    [ty("i32", ["B", 2]), ty("i32", ["B", 2])]),
  c("TopK of everything", "TopK", [f([2, 4])], { k: 4 }, [ty("f32", [2, 4]), ty("i32", [2, 4])]),
  c("TopK rejects k larger than the axis", "TopK", [f(["B", 3])], { k: 4 }, "top 4"),
  c("ArgMax with ties picks the first", "ArgMax",
    [f(["B", 4], { data: [1, 7, 7, 0, 2, 2, 2, 2, -3, -1, -2, -1] })], { axis: 1, keepdims: false }, [ty("i32", ["B"])]),
  c("ArgMax over the batch keepdims", "ArgMax", [f(["B", 4])], { axis: 0, keepdims: true }, [ty("i32", [1, 4])]),
  c("ArgMax of i32", "ArgMax", [i(["B", 3], { data: [1, 4, 4, 0, 0, 0, -3, -2, -9] })], { axis: -1, keepdims: true }, [ty("i32", ["B", 1])]),
  c("ArgMax rejects an axis out of range", "ArgMax", [f([3])], { axis: 1, keepdims: false }, "out of range"),
];

const big = Array.from({ length: 20 }, (_, k) => (k % 7) * 0.25 - 0.5);
const constants: OpCase[] = [
  c("Constant small f32 (Constant node)", "Constant", [], { value: tensor("f32", [2, 2], [0.5, -1, 2, 0.125]) }, [ty("f32", [2, 2])]),
  c("Constant large f32 (initializer)", "Constant", [], { value: tensor("f32", [5, 4], big) }, [ty("f32", [5, 4])]),
  c("Constant i32 scalar", "Constant", [], { value: tensor("i32", [], [-7]) }, [ty("i32", [])]),
  c("Constant bool", "Constant", [], { value: tensor("bool", [3], [1, 0, 1]) }, [ty("bool", [3])]),
  c("FillLike f32 from a symbolic shape", "FillLike", [f(["B", 3])], { value: 1.5, dtype: "f32" }, [ty("f32", ["B", 3])]),
  c("FillLike i32 from an f32 tensor", "FillLike", [f(["B", 2])], { value: 7, dtype: "i32" }, [ty("i32", ["B", 2])]),
  c("FillLike bool", "FillLike", [i([2, 2])], { value: 1, dtype: "bool" }, [ty("bool", [2, 2])]),
  c("FillLike of a scalar", "FillLike", [f([])], { value: -2, dtype: "f32" }, [ty("f32", [])]),
];

export const OP_CASES_B: OpCase[] = [...reshapes, ...layout, ...indexing, ...constants];

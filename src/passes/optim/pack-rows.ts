// Packing of sparsely updated tables: tables whose rows have the same shape become one input whose rows
// are the rows the batch uses of all of them (the executor numbers them table after table and remaps each
// table's id columns into its own range). A table the forward only reads by Gather can read the packed
// input instead; autodiff then gives one gradient and the optimizer one update chain for all of them,
// where each table had its own. Runs before autodiff.
import type { Graph, GraphInput, PackedPart, ValueId } from "../../ir/graph.js";

/** A sparsely updated table (as the pipeline's sparsify reports it); `parts` when it packs several. */
export interface SparseTableSpec {
  param: string;
  columns: string[];
  rows: number;
  parts?: { param: string; columns: string[]; rows: number }[];
}

/** Name of the packed input for rows of this shape. */
export function packedRowsName(rowShape: number[]): string {
  return `packed.rows.${rowShape.join("x")}`;
}

/** True when every use of the value is Gather's table operand. */
function onlyGathered(g: Graph, v: ValueId): boolean {
  return g.nodes.every((n) => !n.inputs.includes(v) || (n.op === "Gather" && n.inputs[0] === v && n.inputs[1] !== v));
}

/**
 * Packs the tables of `sparse` whose rows share a shape (two or more; each used only through Gather and
 * with its own id columns) into one param input [symbol(name), ...row shape]. Returns the new sparse list.
 */
export function packSparseTables(g: Graph, sparse: SparseTableSpec[], symbolOf: (name: string) => string): SparseTableSpec[] {
  const groups = new Map<string, { spec: SparseTableSpec; input: GraphInput; row: number[] }[]>();
  const rest: SparseTableSpec[] = [];
  for (const spec of sparse) {
    const input = g.input(spec.param);
    const shape = input && g.type(input.value).shape;
    const row = shape?.slice(1);
    if (!input || spec.parts || input.parts || g.type(input.value).dtype !== "f32" || !row!.every((d): d is number => typeof d === "number")
      || !onlyGathered(g, input.value)) {
      rest.push(spec);
      continue;
    }
    const key = row.join("x");
    groups.set(key, [...(groups.get(key) ?? []), { spec, input, row }]);
  }
  const out: SparseTableSpec[] = [...rest];
  for (const members of groups.values()) {
    const columns = members.flatMap((m) => m.spec.columns);
    const name = packedRowsName(members[0].row);
    if (members.length < 2 || new Set(columns).size !== columns.length || g.input(name)) {
      out.push(...members.map((m) => m.spec));
      continue;
    }
    const parts: PackedPart[] = members.map((m) => ({ name: m.input.name, kind: "param", shape: [m.spec.rows, ...m.row], init: m.input.init }));
    const packed = g.addInput(name, { dtype: "f32", shape: [symbolOf(name), ...members[0].row] }, "param");
    g.inputs[g.inputs.length - 1].parts = parts;
    const replaced = new Map(members.map((m) => [m.input.value, packed] as const));
    for (const n of g.nodes) n.inputs = n.inputs.map((v) => replaced.get(v) ?? v);
    for (const o of g.outputs) o.value = replaced.get(o.value) ?? o.value;
    const dropped = new Set(members.map((m) => m.input));
    g.inputs = g.inputs.filter((i) => !dropped.has(i));
    out.push({
      param: name, columns, rows: members.reduce((a, m) => a + m.spec.rows, 0),
      parts: members.map((m) => ({ param: m.spec.param, columns: m.spec.columns, rows: m.spec.rows })),
    });
  }
  return out;
}

// Stable text form of a graph, for --dump-ir-after and golden tests.
import type { Graph, InitSpec, Node } from "./graph.js";
import type { Tensor } from "./tensor.js";
import { formatType } from "./types.js";

/** Integers as is; other values with the fewest digits that read back as the same float32. */
function formatNumber(x: number): string {
  if (Number.isInteger(x) || !Number.isFinite(x)) return String(x);
  const f = Math.fround(x);
  for (let p = 1; p < 9; p++) {
    const s = String(Number(f.toPrecision(p)));
    if (Math.fround(Number(s)) === f) return s;
  }
  return String(f);
}

function formatTensor(t: Tensor): string {
  const n = t.data.length;
  const shown = Array.from(t.data.subarray(0, Math.min(n, 8)), formatNumber).join(", ");
  return `${formatType({ dtype: t.dtype, shape: t.shape })} [${shown}${n > 8 ? `, … (${n})` : ""}]`;
}

function formatInit(i: InitSpec): string {
  switch (i.kind) {
    case "normal": return `normal(${i.mean}, ${i.std})${i.zeroRow !== undefined ? ` zero_row ${i.zeroRow}` : ""}`;
    case "uniform": return `uniform(${i.low}, ${i.high})${i.zeroRow !== undefined ? ` zero_row ${i.zeroRow}` : ""}`;
    case "constant": return `constant(${i.value})`;
    case "noise": return `noise(${i.dist})`;
  }
}

function formatAttrs(n: Node): string {
  const entries = Object.entries(n.attrs as Record<string, unknown>);
  if (entries.length === 0) return "";
  const parts = entries.map(([k, v]) => {
    if (k === "value" && n.op === "Constant") return `value=${formatTensor(v as Tensor)}`;
    return `${k}=${JSON.stringify(v)}`;
  });
  return ` {${parts.join(", ")}}`;
}

export function printGraph(g: Graph, name = "graph"): string {
  const lines: string[] = [`${name} {`];
  for (const i of g.inputs) {
    const init = i.init ? `  init ${formatInit(i.init)}` : "";
    lines.push(`  input ${i.kind} ${i.name}: ${formatType(g.type(i.value))} = %${i.value}${init}`);
    for (const p of i.parts ?? []) lines.push(`    part ${p.kind} ${p.name}: [${p.shape.join(", ")}]${p.init ? `  init ${formatInit(p.init)}` : ""}`);
  }
  for (const n of g.nodes) {
    const outs = n.outputs.map((o) => `%${o}: ${formatType(g.type(o))}`).join(", ");
    const ins = n.inputs.map((v) => `%${v}`).join(", ");
    const loc = n.origin.loc ? `${n.origin.loc.file}:${n.origin.loc.line}:${n.origin.loc.col}` : "-";
    lines.push(`  ${outs} = ${n.op}(${ins})${formatAttrs(n)}  # ${n.origin.role} ${loc}`);
  }
  for (const o of g.outputs) lines.push(`  output ${o.name} = %${o.value}`);
  lines.push("}");
  return lines.join("\n") + "\n";
}

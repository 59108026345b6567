// Tensor types of the IR: element type and shape, where a dimension is a number or a symbol such as "B"
// (the batch) or a product of symbols and a number such as "5*B". Symbols keep the batch dynamic.

export type DType = "f32" | "i32" | "bool";
export type Dim = number | string;
export interface TensorType {
  dtype: DType;
  shape: Dim[];
}

/** A dimension as a coefficient times a sorted list of symbols. */
interface DimTerm {
  coef: number;
  syms: string[];
}

function parseDim(d: Dim): DimTerm {
  if (typeof d === "number") return { coef: d, syms: [] };
  let coef = 1;
  const syms: string[] = [];
  for (const part of d.split("*")) {
    if (/^\d+$/.test(part)) coef *= Number(part);
    else syms.push(part);
  }
  return { coef, syms: syms.sort() };
}

function formatDim(t: DimTerm): Dim {
  if (t.syms.length === 0) return t.coef;
  const s = t.syms.join("*");
  return t.coef === 1 ? s : `${t.coef}*${s}`;
}

export function dimMul(a: Dim, b: Dim): Dim {
  const x = parseDim(a), y = parseDim(b);
  return formatDim({ coef: x.coef * y.coef, syms: [...x.syms, ...y.syms].sort() });
}

/** a / b when it divides exactly, otherwise undefined. */
export function dimDiv(a: Dim, b: Dim): Dim | undefined {
  const x = parseDim(a), y = parseDim(b);
  if (y.coef === 0 || x.coef % y.coef !== 0) return undefined;
  const syms = [...x.syms];
  for (const s of y.syms) {
    const i = syms.indexOf(s);
    if (i < 0) return undefined;
    syms.splice(i, 1);
  }
  return formatDim({ coef: x.coef / y.coef, syms });
}

export function dimProduct(dims: Dim[]): Dim {
  return dims.reduce<Dim>((acc, d) => dimMul(acc, d), 1);
}

export function dimEq(a: Dim, b: Dim): boolean {
  return formatDim(parseDim(a)) === formatDim(parseDim(b));
}

export function isStatic(shape: Dim[]): shape is number[] {
  return shape.every((d) => typeof d === "number");
}

export function formatShape(shape: Dim[]): string {
  return `[${shape.join(", ")}]`;
}

export function formatType(t: TensorType): string {
  return `${t.dtype}${formatShape(t.shape)}`;
}

/** Resolve symbolic dims with concrete bindings, e.g. {B: 256}. */
export function bindShape(shape: Dim[], env: Record<string, number>): number[] {
  return shape.map((d) => {
    const t = parseDim(d);
    let v = t.coef;
    for (const s of t.syms) {
      const n = env[s];
      if (n === undefined) throw new Error(`unbound dimension symbol ${s}`);
      v *= n;
    }
    return v;
  });
}

/** Numpy-style broadcast of two shapes; undefined when they do not broadcast. */
export function broadcastShapes(a: Dim[], b: Dim[]): Dim[] | undefined {
  const n = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < n; i++) {
    const x = i < n - a.length ? 1 : a[i - (n - a.length)];
    const y = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (dimEq(x, y)) out.push(x);
    else if (x === 1) out.push(y);
    else if (y === 1) out.push(x);
    else return undefined;
  }
  return out;
}

export function normAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

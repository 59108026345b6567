// Formats an AST back into canonical .rech source: two-space indentation, one statement per line, and
// only the parentheses precedence needs. parse(formatProgram(ast)) gives the same tree (spans aside).
import type { Expr, FeaturesDecl, Item, ModelDecl, Param, Program, Section, Stmt } from "./ast.js";

const PREC: Record<string, number> = {
  or: 1, and: 2, not: 3,
  "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4,
  "+": 5, "-": 5, "*": 6, "/": 6, "@": 6,
};
const UNARY_PREC = 7;
const POSTFIX_PREC = 8;
const ATOM_PREC = 9;

function precedence(e: Expr): number {
  if (e.kind === "Binary") return PREC[e.op]!;
  if (e.kind === "Unary") return e.op === "not" ? PREC.not! : UNARY_PREC;
  if (e.kind === "Index") return POSTFIX_PREC;
  return ATOM_PREC;
}

function wrap(e: Expr, parens: boolean): string {
  return parens ? `(${formatExpr(e)})` : formatExpr(e);
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}

export function formatExpr(e: Expr): string {
  switch (e.kind) {
    case "Int":
      return String(e.value);
    case "Float":
      return e.text;
    case "Str":
      return quote(e.value);
    case "Bool":
      return e.value ? "true" : "false";
    case "Name":
      return e.name;
    case "Error":
      return "<error>";
    case "List":
      return `[${e.items.map(formatExpr).join(", ")}]`;
    case "Index":
      return `${wrap(e.target, precedence(e.target) < POSTFIX_PREC)}[${formatExpr(e.index)}]`;
    case "Call": {
      const args = [...e.args.map(formatExpr), ...e.kwargs.map((k) => `${k.key.name} = ${formatExpr(k.value)}`)];
      return `${e.callee.name}(${args.join(", ")})`;
    }
    case "Unary": {
      const p = e.op === "not" ? PREC.not! : UNARY_PREC;
      const inner = wrap(e.operand, precedence(e.operand) < p);
      return e.op === "not" ? `not ${inner}` : `-${inner}`;
    }
    case "Binary": {
      const p = PREC[e.op]!;
      const comparison = p === PREC["=="];
      const left = wrap(e.left, precedence(e.left) < p || (comparison && precedence(e.left) === p));
      const right = wrap(e.right, precedence(e.right) <= p);
      return `${left} ${e.op} ${right}`;
    }
  }
}

function formatBody(body: readonly Stmt[], indent: string): string[] {
  return body.flatMap((s) => formatStmt(s, indent));
}

function formatStmt(s: Stmt, indent: string): string[] {
  switch (s.kind) {
    case "Assign":
      return [`${indent}${s.targets.map((t) => t.name).join(", ")} = ${formatExpr(s.value)}`];
    case "Return":
      return [`${indent}return ${s.values.map(formatExpr).join(", ")}`];
    case "For": {
      const vars = s.index ? `${s.variable.name}, ${s.index.name}` : s.variable.name;
      return [`${indent}for ${vars} in ${formatExpr(s.iterable)} {`, ...formatBody(s.body, indent + "  "), `${indent}}`];
    }
    case "If": {
      const lines = [`${indent}if ${formatExpr(s.cond)} {`, ...formatBody(s.then, indent + "  ")];
      const other = s.otherwise;
      if (other && other.length === 1 && other[0]!.kind === "If") {
        const [first, ...rest] = formatStmt(other[0]!, indent);
        return [...lines, `${indent}} else ${first!.trimStart()}`, ...rest];
      }
      if (other) lines.push(`${indent}} else {`, ...formatBody(other, indent + "  "));
      return [...lines, `${indent}}`];
    }
  }
}

function formatParams(params: readonly Param[], head: string): string {
  const parts = params.map((p) => (p.default ? `${p.name.name} = ${formatExpr(p.default)}` : p.name.name));
  const oneLine = `${head}(${parts.join(", ")}) {`;
  if (oneLine.length <= 100) return oneLine;
  return [`${head}(`, ...parts.map((p) => `  ${p},`), ") {"].join("\n");
}

function formatFeatures(f: FeaturesDecl): string[] {
  const lines = f.features.map((d) => {
    const attrs = d.attrs.map((a) => ` ${a.key.name} ${formatExpr(a.value)}`).join("");
    return `  ${d.featureKind} ${d.name.name}${attrs}`;
  });
  return [`features ${f.name.name} {`, ...lines, "}"];
}

function formatSection(s: Section): string[] {
  if (s.kind === "ScoreExpr") return [`  score ${formatExpr(s.value)}`];
  if (s.kind === "Train") {
    return ["  train {", ...s.settings.map((st) => `    ${st.key.name} ${formatExpr(st.value)}`), "  }"];
  }
  return [`  ${s.section} {`, ...formatBody(s.body, "    "), "  }"];
}

function formatModel(m: ModelDecl): string[] {
  return [formatParams(m.params, `model ${m.name.name}`), ...m.sections.flatMap(formatSection), "}"];
}

function formatItem(item: Item): string[] {
  if (item.kind === "Features") return formatFeatures(item);
  if (item.kind === "Model") return formatModel(item);
  return [formatParams(item.params, `block ${item.name.name}`), ...formatBody(item.body, "  "), "}"];
}

export function formatProgram(p: Program): string {
  return p.items.map((i) => formatItem(i).join("\n") + "\n").join("\n");
}

// A stable text dump of the AST for golden tests: one node per line, indented by depth.
//   Block name=mlp@3:7 @3:1+112
//     params:
//       Param name=x@3:11 @3:11+1
// Scalars print inline as key=value, identifiers as name@line:col, child nodes on their own lines.
// Fields print in the order the builder creates them, which is fixed by the code.
import type { Span } from "../diag/span.js";
import type { AnyNode, Ident } from "./ast.js";

export interface PrintOptions {
  /** print node spans (default true); without them the dump compares trees independent of layout */
  spans?: boolean;
}

type Field = [string, unknown];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isNode = (v: unknown): v is AnyNode => isObject(v) && typeof v.kind === "string";
const isIdent = (v: unknown): v is Ident => isNode(v) && v.kind === "Ident";
const isSpan = (v: unknown): v is Span => isObject(v) && typeof v.offset === "number" && !("kind" in v);

function where(span: Span, withLength: boolean): string {
  return withLength ? `@${span.line}:${span.col}+${span.length}` : `@${span.line}:${span.col}`;
}

function printNode(node: AnyNode, depth: number, opts: Required<PrintOptions>, lines: string[], label = ""): void {
  const pad = "  ".repeat(depth);
  const inline: string[] = [];
  const children: Field[] = [];
  for (const [key, value] of Object.entries(node) as Field[]) {
    if (key === "kind" || key === "span" || value === undefined) continue;
    if (isIdent(value)) inline.push(`${key}=${value.name}${opts.spans ? where(value.span, false) : ""}`);
    else if (Array.isArray(value) && value.length > 0 && value.every(isIdent)) {
      inline.push(`${key}=[${value.map((i) => i.name + (opts.spans ? where(i.span, false) : "")).join(", ")}]`);
    } else if (Array.isArray(value) && value.length === 0) inline.push(`${key}=[]`);
    else if (isSpan(value)) {
      if (opts.spans) inline.push(`${key}=${where(value, true)}`);
    } else if (isNode(value) || Array.isArray(value)) children.push([key, value]);
    else inline.push(`${key}=${JSON.stringify(value)}`);
  }
  const head = [label + node.kind, ...inline];
  if (opts.spans) head.push(where(node.span, true));
  lines.push(pad + head.join(" "));
  for (const [key, value] of children) {
    if (isNode(value)) {
      printNode(value, depth + 1, opts, lines, `${key}: `);
      continue;
    }
    lines.push(`${pad}  ${key}:`);
    for (const child of value as unknown[]) if (isNode(child)) printNode(child, depth + 2, opts, lines);
  }
}

/** The dump of any AST node (usually a Program), ending in a newline. */
export function printAst(node: AnyNode, options: PrintOptions = {}): string {
  const lines: string[] = [];
  printNode(node, 0, { spans: options.spans ?? true }, lines);
  return lines.join("\n") + "\n";
}

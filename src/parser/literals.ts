// Decoding string literals: strip the quotes, resolve the escapes \\ \" \n \t, report any other escape.
import { diag } from "../diag/diagnostic.js";
import type { Span } from "../diag/span.js";
import type { BuildContext } from "./build-context.js";
import type { IToken } from "./cst.js";

const ESCAPES: Record<string, string> = { "\\": "\\", '"': '"', n: "\n", t: "\t" };

export function readString(ctx: BuildContext, token: IToken, span: Span): string {
  const closed = !ctx.unterminated.has(token.startOffset);
  const body = token.image.slice(1, closed ? -1 : undefined);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) break; // a trailing backslash of an unterminated string
    const decoded = ESCAPES[next];
    if (decoded === undefined) {
      const at: Span = { ...span, col: span.col + 1 + i, offset: span.offset + 1 + i, length: 2 };
      ctx.diagnostics.push(diag("RECH1003", at, { text: `\\${next}` }));
      out += next;
    } else {
      out += decoded;
    }
    i++;
  }
  return out;
}

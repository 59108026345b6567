// A small command-line parser: each command declares its options; --help is generated from them.
import { UsageError } from "./errors.js";

export interface OptionSpec {
  name: string;
  type: "string" | "number" | "boolean" | "list";
  help: string;
  default?: string | number | boolean;
  required?: boolean;
  value?: string; // placeholder shown in help
  /** the only values a string option takes (checked by parseArgs, listed by --help) */
  choices?: readonly string[];
}

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  positionals?: { name: string; help: string; required?: boolean }[];
  options: OptionSpec[];
}

export type ParsedArgs = { positionals: string[]; opts: Record<string, string | number | boolean | string[]> };

export function helpText(spec: CommandSpec): string {
  const lines = [`rech ${spec.name}: ${spec.summary}`, "", `usage: ${spec.usage}`, ""];
  for (const p of spec.positionals ?? []) lines.push(`  ${p.name.padEnd(24)} ${p.help}`);
  for (const o of [...spec.options, { name: "help", type: "boolean", help: "show this help" } as OptionSpec]) {
    const flag = o.type === "boolean" ? `--${o.name}` : `--${o.name} ${o.value ?? o.name.toUpperCase()}`;
    const def = o.default !== undefined ? ` (default ${o.default})` : "";
    const choices = o.choices ? ` [${o.choices.join(" | ")}]` : "";
    lines.push(`  ${flag.padEnd(24)} ${o.help}${choices}${def}`);
  }
  return lines.join("\n") + "\n";
}

export function parseArgs(spec: CommandSpec, argv: string[]): ParsedArgs | "help" {
  const opts: ParsedArgs["opts"] = {};
  const positionals: string[] = [];
  for (const o of spec.options) if (o.default !== undefined) opts[o.name] = o.default;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") return "help";
    if (!a.startsWith("--")) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq > 0 ? eq : undefined);
    const o = spec.options.find((x) => x.name === name);
    if (!o) throw new UsageError(`rech ${spec.name}: unknown option --${name} (see rech ${spec.name} --help)`);
    if (o.type === "boolean") {
      opts[name] = eq > 0 ? a.slice(eq + 1) !== "false" : true;
      continue;
    }
    const raw = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (raw === undefined) throw new UsageError(`rech ${spec.name}: option --${name} needs a value`);
    if (o.type === "number") {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw new UsageError(`rech ${spec.name}: option --${name} needs a number, found "${raw}"`);
      opts[name] = n;
    } else if (o.type === "list") {
      opts[name] = [...((opts[name] as string[] | undefined) ?? []), raw];
    } else {
      if (o.choices && !o.choices.includes(raw)) {
        throw new UsageError(`rech ${spec.name}: --${name} must be ${orList(o.choices)}, found "${raw}"`);
      }
      opts[name] = raw;
    }
  }
  for (const o of spec.options) {
    if (o.required && opts[o.name] === undefined) throw new UsageError(`rech ${spec.name}: option --${o.name} is required (see rech ${spec.name} --help)`);
  }
  const req = (spec.positionals ?? []).filter((p) => p.required !== false);
  if (positionals.length < req.length) {
    throw new UsageError(`rech ${spec.name}: missing ${req[positionals.length].name} (see rech ${spec.name} --help)`);
  }
  return { positionals, opts };
}

function orList(xs: readonly string[]): string {
  return xs.length === 1 ? xs[0]! : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`;
}

/** A comma-separated list of positive integers, e.g. --ks 10,20,50. */
export function positiveInts(command: string, name: string, value: unknown): number[] {
  const xs = String(value).split(",").map(Number);
  if (xs.some((k) => !(Number.isInteger(k) && k > 0))) {
    throw new UsageError(`rech ${command}: --${name} takes positive integers separated by commas, found "${String(value)}"`);
  }
  return xs;
}

/** `--set name=value` overrides: numbers, booleans, lists in [..] and strings. */
export function parseOverrides(items: string[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of items ?? []) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError(`--set expects name=value, found "${item}"`);
    const key = item.slice(0, eq), raw = item.slice(eq + 1);
    let value: unknown = raw;
    if (raw === "true" || raw === "false") value = raw === "true";
    else if (raw !== "" && Number.isFinite(Number(raw))) value = Number(raw);
    else if (raw.startsWith("[")) {
      try {
        value = JSON.parse(raw);
      } catch {
        throw new UsageError(`--set ${key}: cannot read the list "${raw}"`);
      }
    }
    out[key] = value;
  }
  return out;
}

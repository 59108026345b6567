// rech check FILE: diagnostics, then the models with their parameter counts.
import { diagnosticToJson, hasErrors, type Diagnostic } from "../../diag/index.js";
import { countParams, listModels } from "../../passes/model/index.js";
import { parseOverrides } from "../args.js";
import type { Command } from "../cli.js";
import { load, renderText } from "../program.js";

export const check: Command = {
  spec: {
    name: "check",
    summary: "parse, resolve and shape-check a .rech file; list its models and parameter counts",
    usage: "rech check FILE [--format text|json] [--set name=value ...]",
    positionals: [{ name: "FILE", help: "the .rech file" }],
    options: [
      { name: "format", type: "string", help: "output format", choices: ["text", "json"], default: "text", value: "FORMAT" },
      { name: "set", type: "list", help: "override a model parameter (repeatable)", value: "NAME=VALUE" },
    ],
  },
  async run({ positionals, opts }) {
    const file = positionals[0];
    const format = String(opts.format);
    const overrides = parseOverrides(opts.set as string[] | undefined);
    const loaded = load(file);
    const diagnostics: Diagnostic[] = [...loaded.diagnostics];
    const models: { name: string; params: number }[] = [];
    if (loaded.program && !hasErrors(diagnostics)) {
      for (const name of listModels(loaded.program)) {
        const r = countParams(loaded.program, name, overrides);
        diagnostics.push(...r.diagnostics);
        if (r.count !== undefined) models.push({ name, params: r.count });
      }
    }
    const failed = hasErrors(diagnostics);
    if (format === "json") {
      process.stdout.write(`${JSON.stringify({ file, ok: !failed, diagnostics: diagnostics.map(diagnosticToJson), models }, null, 2)}\n`);
    } else {
      const text = renderText(loaded, file, diagnostics);
      if (text) process.stderr.write(text);
      if (!failed) {
        process.stdout.write(`${file}: ${models.length} model${models.length === 1 ? "" : "s"}\n`);
        for (const m of models) process.stdout.write(`  ${m.name.padEnd(14)} ${m.params.toLocaleString("en-US").padStart(12)} parameters\n`);
      }
    }
    return failed ? 1 : 0;
  },
};

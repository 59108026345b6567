// rech compile FILE --model NAME --out DIR: user_tower.onnx and item_tower.onnx with freshly initialised
// weights (or the weights of a trained model directory), optionally the training-step graph too.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { emitModel, serializeModel } from "../../codegen/onnx/index.js";
import type { Graph } from "../../ir/graph.js";
import { compileTower, compileTrainStep, dumpHook, TRAIN_PASSES } from "../../passes/pipeline.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { parseOverrides } from "../args.js";
import type { Command } from "../cli.js";
import { UsageError, UserError } from "../errors.js";
import { load, renderText, requireProgram } from "../program.js";
import { freshWeights } from "../weights.js";

export const compile: Command = {
  spec: {
    name: "compile",
    summary: "compile a model to user_tower.onnx and item_tower.onnx (and optionally train_step.onnx)",
    usage: "rech compile FILE --model NAME --out DIR [--seed N] [--set name=value ...] [--train-step] [--dump-ir-after PASS]",
    positionals: [{ name: "FILE", help: "the .rech file" }],
    options: [
      { name: "model", type: "string", help: "the model to compile", required: true, value: "NAME" },
      { name: "out", type: "string", help: "output directory", required: true, value: "DIR" },
      { name: "seed", type: "number", help: "seed of the initial weights", default: 2022, value: "N" },
      { name: "set", type: "list", help: "override a model parameter (repeatable)", value: "NAME=VALUE" },
      { name: "train-step", type: "boolean", help: "also write train_step.onnx (Adam, dense updates)" },
      { name: "dump-ir-after", type: "string", help: `print the IR after a pass: ${TRAIN_PASSES.join(", ")}`, value: "PASS" },
    ],
  },
  async run({ positionals, opts }) {
    const file = positionals[0];
    const model = String(opts.model), out = String(opts.out), seed = Number(opts.seed);
    const dump = opts["dump-ir-after"] as string | undefined;
    if (dump && !(TRAIN_PASSES as readonly string[]).includes(dump)) {
      throw new UsageError(`rech compile: --dump-ir-after takes one of ${TRAIN_PASSES.join(", ")}, found "${dump}"`);
    }
    const overrides = parseOverrides(opts.set as string[] | undefined);
    const loaded = load(file);
    const program = requireProgram(loaded, file);
    const write = (text: string) => process.stdout.write(text);
    const towers: [string, Graph][] = [];
    for (const which of ["user", "item"] as const) {
      const r = compileTower(program, model, which, overrides, dumpHook(dump, (t) => write(`# ${which} tower\n${t}`)));
      if (!r.graph) throw new UserError(renderText(loaded, file, r.diagnostics).trimEnd());
      towers.push([which, r.graph]);
    }
    mkdirSync(out, { recursive: true });
    for (const [which, g] of towers) {
      const proto = emitModel(g, {
        name: `${model}_${which}_tower`,
        initializers: freshWeights(g, seed),
        metadata: { model, tower: which, seed: String(seed), overrides: JSON.stringify(overrides) },
        dynamicNames: { B: "batch" },
      });
      writeFileAtomic(join(out, `${which}_tower.onnx`), serializeModel(proto));
    }
    if (opts["train-step"]) {
      const r = compileTrainStep(program, model, overrides, { optimizer: { kind: "adam", lr: 1e-3 }, sparse: false },
        dumpHook(dump, (t) => write(`# training step\n${t}`)));
      if (!r.graph) throw new UserError(renderText(loaded, file, r.diagnostics).trimEnd());
      writeFileAtomic(join(out, "train_step.onnx"), serializeModel(emitModel(r.graph, { name: `${model}_train_step`, dynamicNames: { B: "batch" } })));
    }
    if (!dump) process.stderr.write(`wrote ${out}/user_tower.onnx and ${out}/item_tower.onnx${opts["train-step"] ? " and train_step.onnx" : ""}\n`);
    return 0;
  },
};

// DSSM (modes 0/1/2), FaceBookDSSM, YoutubeDNN and YoutubeSBC as compiled from models.rech against the
// PyTorch fixtures, in the reference interpreter: the training forward graph's loss, logits, tower vectors and
// running statistics, and the gradient of the loss for every parameter (autodiff of that graph).
import { afterAll, describe, expect, it } from "vitest";
import { interpret } from "../../src/ir/interp.js";
import { differentiate, isZero } from "../../src/passes/autodiff/index.js";
import { buildTrainForward } from "../../src/passes/model/index.js";
import { verifyGraph } from "../../src/ir/verify.js";
import { CASES, feedsFor, gradErr, graphName, loadFixture, maxErr, modelsProgram, overridesFor, printReport, record, relErr, render } from "./cases.js";

afterAll(() => printReport("worst errors, interpreter (forward and gradients)"));

describe.each(CASES)("%s compiled from models.rech (interpreter)", (name) => {
  const fx = loadFixture(name);

  it("loss, logits, tower vectors, running stats and every gradient of the first step", () => {
    const p = modelsProgram();
    const built = buildTrainForward(p, fx.model, overridesFor(fx));
    expect(render(p, built.diagnostics)).toBe("");
    const g = built.graph!;
    const feeds = feedsFor(g, fx);
    const params = g.inputs.filter((i) => i.kind === "param");
    expect(params.map((i) => i.name).sort()).toEqual(Object.keys(fx.params).map(graphName).sort());
    const grads = differentiate(g, built.loss!, params.map((i) => i.value));
    for (const i of params) {
      const grad = grads.get(i.value)!;
      if (isZero(grad)) throw new Error(`autodiff gives ${i.name} a symbolic zero gradient`);
      g.addOutput(`grad.${i.name}`, grad);
    }
    expect(verifyGraph(g)).toEqual([]);
    const out = interpret(g, feeds).outputs;

    expect(record(`${name} loss (rel)`, relErr(out.loss!.data[0]!, fx.loss))).toBeLessThan(1e-4);
    expect(out.logits!.shape).toEqual(fx.logits.shape);
    expect(record(`${name} logits`, maxErr(out.logits!.data, fx.logits.data))).toBeLessThan(1e-4);
    for (const which of ["user_vec", "item_vec"] as const) {
      expect(out[which]!.shape).toEqual(fx[which].shape);
      expect(record(`${name} ${which}`, maxErr(out[which]!.data, fx[which].data)), which).toBeLessThan(1e-4);
    }
    const updated = g.outputs.filter((o) => o.name.endsWith(".new")).map((o) => o.name).sort();
    expect(updated).toEqual(Object.keys(fx.buffers_after_step).map((k) => `${graphName(k)}.new`).sort());
    for (const [k, want] of Object.entries(fx.buffers_after_step)) {
      const err = maxErr(out[`${graphName(k)}.new`]!.data, want.data);
      expect(record(`${name} running stats`, err), k).toBeLessThan(1e-4);
    }
    for (const k of Object.keys(fx.grads)) {
      const got = out[`grad.${graphName(k)}`]!;
      expect(got.shape, k).toEqual(fx.grads[k]!.shape);
      const zero = fx.zero_grad_params.includes(k);
      expect(record(`${name} grads${zero ? " (zero, abs)" : ""}`, gradErr(fx, k, got.data)), k).toBeLessThan(1e-4);
    }
  });
});

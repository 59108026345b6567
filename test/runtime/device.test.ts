// --device cuda: uses the CUDA execution provider when installed, otherwise stops with a clear message.
import { describe, expect, it } from "vitest";
import { emitModel, serializeModel } from "../../src/codegen/onnx/index.js";
import { cudaUnavailableReason, createSession, releaseSession, runGraph, RuntimeUserError } from "../../src/runtime/index.js";
import { towerData, towerWeights, userTower } from "../codegen/graphs.js";

const model = () => serializeModel(emitModel(userTower(), { name: "user_tower", initializers: towerWeights() }));
const cudaMissing = cudaUnavailableReason() !== undefined;

describe("device selection", () => {
  it.skipIf(!cudaMissing)("--device cuda without the CUDA provider gives a message that says how to install it", async () => {
    const err = await createSession(model(), { device: "cuda" }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeUserError);
    const message = (err as RuntimeUserError).message;
    expect(message).toContain("CUDA is not available in this onnxruntime-node build");
    expect(message).toContain("ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node");
    expect(message).toContain("--device cpu");
    expect(message).not.toMatch(/\n\s*at |\.ts:\d+|onnxruntime_src/);
    expect(message.split("\n")).toHaveLength(1);
  });

  it.skipIf(cudaMissing)("--device cuda runs the tower on the GPU when the provider is installed", async () => {
    const s = await createSession(model(), { device: "cuda" });
    const out = await runGraph(s, towerData(4));
    expect(out.user_vec.shape).toEqual([4, 4]);
    await releaseSession(s);
  });

  it("--device cpu runs, with an explicit thread count", async () => {
    const s = await createSession(model(), { device: "cpu", threads: 1 });
    expect(s.device).toBe("cpu");
    expect(s.inputNames).toEqual(["user_id", "hist"]);
    const out = await runGraph(s, towerData(3));
    expect(out.user_vec.shape).toEqual([3, 4]);
    await releaseSession(s);
  });

  it("rejects an unknown device name", async () => {
    await expect(createSession(model(), { device: "tpu" as never })).rejects.toThrow('unknown device "tpu": use cpu or cuda');
  });
});

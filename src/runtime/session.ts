// onnxruntime sessions: creation on a device and running with IR tensors.
import * as ort from "onnxruntime-node";
import type { Tensor } from "../ir/tensor.js";
import { CUDA_INSTALL_HINT, executionProviders, shortOrtMessage, type Device } from "./device.js";
import { RuntimeUserError } from "./errors.js";
import { originOfFailure } from "./origin.js";
import { fromOrtTensor, toOrtTensor } from "./tensors.js";

export interface SessionOptions {
  device?: Device;
  /** intra-op threads; onnxruntime's default when absent */
  threads?: number;
  /** whether idle intra-op threads spin waiting for work (onnxruntime's default: yes); spinning threads
   *  take the CPU from the caller's own work between runs */
  spinning?: boolean;
}

export interface Session {
  readonly device: Device;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** the onnxruntime session; only src/runtime uses it */
  readonly ort: ort.InferenceSession;
  /** the model it was created from, to trace failures back to .rech origins */
  readonly model: Uint8Array | string;
}

export async function createSession(model: Uint8Array | string, opts: SessionOptions = {}): Promise<Session> {
  const device = opts.device ?? "cpu";
  // errors come back to us as exceptions and are reported with their origin; keep onnxruntime's own log quiet
  const options: ort.InferenceSession.SessionOptions = { executionProviders: executionProviders(device), logSeverityLevel: 4 };
  if (opts.threads !== undefined) {
    options.intraOpNumThreads = opts.threads;
    options.interOpNumThreads = 1;
  }
  if (opts.spinning === false) options.extra = { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } };
  let s: ort.InferenceSession;
  try {
    s = typeof model === "string"
      ? await ort.InferenceSession.create(model, options)
      : await ort.InferenceSession.create(model, options);
  } catch (e) {
    const what = typeof model === "string" ? model : "the model";
    if (device === "cuda") {
      throw new RuntimeUserError(`could not start CUDA for ${what}: ${shortOrtMessage(e)}. ${CUDA_INSTALL_HINT}`);
    }
    throw new RuntimeUserError(`onnxruntime could not load ${what}: ${shortOrtMessage(e)}`);
  }
  return { device, inputNames: s.inputNames, outputNames: s.outputNames, ort: s, model };
}

/** Run a session on IR tensors; returns every output (or those named in `fetches`) as IR tensors. */
export async function runGraph(session: Session, feeds: Record<string, Tensor>, fetches?: string[]): Promise<Record<string, Tensor>> {
  const ortFeeds: Record<string, ort.Tensor> = {};
  for (const name of session.inputNames) {
    const t = feeds[name];
    if (!t) throw new RuntimeUserError(`missing input ${name} (the model takes ${session.inputNames.join(", ")})`);
    ortFeeds[name] = toOrtTensor(t);
  }
  let out: ort.InferenceSession.ReturnType;
  try {
    out = fetches ? await session.ort.run(ortFeeds, fetches) : await session.ort.run(ortFeeds);
  } catch (e) {
    const message = shortOrtMessage(e);
    const origin = originOfFailure(session.model, message);
    throw new RuntimeUserError(`onnxruntime failed: ${message}${origin ? ` (from ${origin})` : ""}`);
  }
  const result: Record<string, Tensor> = {};
  for (const name of fetches ?? session.outputNames) result[name] = fromOrtTensor(out[name], name);
  return result;
}

export async function releaseSession(session: Session): Promise<void> {
  await session.ort.release();
}

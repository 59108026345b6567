// Execution providers: cpu always; cuda only when onnxruntime-node's CUDA provider libraries are installed.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as ort from "onnxruntime-node";
import { RuntimeUserError } from "./errors.js";

export type Device = "cpu" | "cuda";
export const DEVICES: readonly Device[] = ["cpu", "cuda"];

export const CUDA_INSTALL_HINT =
  "Install onnxruntime-node's CUDA provider with `ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node` " +
  "(it downloads Microsoft.ML.OnnxRuntime.Gpu.Linux from nuget.org; the machine needs an NVIDIA driver, CUDA 12 " +
  "and cuDNN 9), or run with --device cpu.";

/** Folder holding onnxruntime-node's native libraries for this platform. */
function nativeDir(): string {
  const main = createRequire(import.meta.url).resolve("onnxruntime-node");
  return join(dirname(main), "..", "bin", "napi-v6", process.platform, process.arch);
}

/** Why CUDA cannot be used, or undefined when its provider library is present. */
export function cudaUnavailableReason(): string | undefined {
  const listed = ort.listSupportedBackends().some((b) => b.name === "cuda");
  if (!listed) {
    return `CUDA is not available in this onnxruntime-node build: it offers no CUDA execution provider on ` +
      `${process.platform}/${process.arch} (only linux/x64 and win32/x64 have one). Run with --device cpu.`;
  }
  const lib = process.platform === "win32" ? "onnxruntime_providers_cuda.dll" : "libonnxruntime_providers_cuda.so";
  if (!existsSync(join(nativeDir(), lib))) {
    return `CUDA is not available in this onnxruntime-node build: the CUDA execution provider (${lib}) is not ` +
      `installed. ${CUDA_INSTALL_HINT}`;
  }
  return undefined;
}

/** Execution providers for a device; throws RuntimeUserError when the device cannot be used. */
export function executionProviders(device: Device): string[] {
  if (device === "cpu") return ["cpu"];
  if (device !== "cuda") throw new RuntimeUserError(`unknown device "${String(device)}": use cpu or cuda`);
  const reason = cudaUnavailableReason();
  if (reason) throw new RuntimeUserError(reason);
  return ["cuda", "cpu"];
}

/** An onnxruntime error on one line, without source paths of onnxruntime's own code. */
export function shortOrtMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text
    .split("\n")
    .map((line) => line.replace(/\S*onnxruntime_src\S*/g, "").trim())
    .filter((line) => line && !/^at /.test(line))
    .join(" ")
    .replace(/\s+/g, " ");
}

export { RuntimeUserError } from "./errors.js";
export { cudaUnavailableReason, executionProviders, DEVICES, type Device } from "./device.js";
export { toOrtTensor, fromOrtTensor } from "./tensors.js";
export { createSession, runGraph, releaseSession, type Session, type SessionOptions } from "./session.js";
export { compileAndRun } from "./compile-run.js";

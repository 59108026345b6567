// Checkpoints: a directory holding weights.bin (float32 values of every tensor, concatenated, little-endian),
// weights.json ({format, tensors: {name: {offset (bytes), shape, kind}}}), any extra files (trainer.json ...)
// and manifest.json (size and sha256 of every other file), written last.
//
// A checkpoint is never half-written: it is built in a temporary sibling directory (every file fsynced,
// then the directory), and swapped in by renames: DIR -> DIR.old, tmp -> DIR, then DIR.old is removed, with
// the parent directory fsynced after each rename. A crash leaves DIR or DIR.old complete; readers take the
// first of the two whose manifest checks out.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { basename, dirname, join } from "node:path";
import { writeAllSync } from "../util/atomic-write.js";

export const WEIGHTS_FORMAT = "rech.weights/1";

export interface CheckpointTensor {
  name: string;
  /** param, buffer or state */
  kind: string;
  shape: number[];
  data: Float32Array;
}

/** A tensor to write that is not one contiguous array (e.g. interleaved table rows): read in chunks. */
export interface TensorSource {
  name: string;
  kind: string;
  shape: number[];
  size: number;
  /** copies values [start, start + out.length) into out */
  readChunk(start: number, out: Float32Array): void;
}

export interface Checkpoint {
  /** the directory actually read (DIR, or DIR.old after an interrupted swap) */
  dir: string;
  tensors: CheckpointTensor[];
  /** extra files by name */
  files: Record<string, Buffer>;
}

export interface WeightsIndex {
  format: string;
  tensors: Record<string, { offset: number; shape: number[]; kind: string }>;
}

/** A checkpoint that is missing, incomplete or corrupt. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckpointError";
  }
}

interface Manifest {
  format: string;
  files: Record<string, { bytes: number; sha256: string }>;
}

export function writeCheckpoint(dir: string, tensors: (CheckpointTensor | TensorSource)[], files: Record<string, string | Uint8Array> = {}): void {
  const parent = dirname(dir), base = basename(dir);
  fs.mkdirSync(parent, { recursive: true });
  for (const f of fs.readdirSync(parent)) if (f.startsWith(`.${base}.tmp-`)) fs.rmSync(join(parent, f), { recursive: true, force: true });
  const tmp = join(parent, `.${base}.tmp-${process.pid}`);
  fs.mkdirSync(tmp);

  const manifest: Manifest = { format: WEIGHTS_FORMAT, files: {} };
  const index: WeightsIndex = { format: WEIGHTS_FORMAT, tensors: {} };
  const hash = createHash("sha256");
  let offset = 0;
  const fd = fs.openSync(join(tmp, "weights.bin"), "w");
  try {
    let chunk: Float32Array | undefined;
    const put = (a: Float32Array): void => {
      const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      writeAllSync(fd, bytes);
      hash.update(bytes);
      offset += bytes.byteLength;
    };
    for (const t of tensors) {
      if (t.name in index.tensors) throw new Error(`tensor ${t.name} appears twice in a checkpoint`);
      index.tensors[t.name] = { offset, shape: [...t.shape], kind: t.kind };
      if ("data" in t) {
        put(t.data);
        continue;
      }
      chunk ??= new Float32Array(1 << 20);
      for (let at = 0; at < t.size; at += chunk.length) {
        const part = chunk.subarray(0, Math.min(chunk.length, t.size - at));
        t.readChunk(at, part);
        put(part);
      }
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  manifest.files["weights.bin"] = { bytes: offset, sha256: hash.digest("hex") };
  const all: Record<string, string | Uint8Array> = { "weights.json": JSON.stringify(index, null, 1) + "\n", ...files };
  for (const [name, data] of Object.entries(all)) {
    if (name === "weights.bin" || name === "manifest.json" || name.includes("/")) throw new Error(`bad checkpoint file name ${name}`);
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    writeFileSynced(join(tmp, name), bytes);
    manifest.files[name] = { bytes: bytes.byteLength, sha256: sha256(bytes) };
  }
  writeFileSynced(join(tmp, "manifest.json"), Buffer.from(JSON.stringify(manifest, null, 1) + "\n"));
  fsyncDir(tmp);

  const old = `${dir}.old`;
  fs.rmSync(old, { recursive: true, force: true });
  if (fs.existsSync(dir)) {
    fs.renameSync(dir, old);
    fsyncDir(parent);
  }
  fs.renameSync(tmp, dir);
  fsyncDir(parent);
  fs.rmSync(old, { recursive: true, force: true });
}

/** Reads the checkpoint at DIR (or DIR.old when an interrupted swap left only that); throws CheckpointError. */
export function readCheckpoint(dir: string): Checkpoint {
  const problems: string[] = [];
  for (const d of [dir, `${dir}.old`]) {
    if (!fs.existsSync(d)) continue;
    try {
      return readVerified(d);
    } catch (e) {
      if (!(e instanceof CheckpointError)) throw e;
      problems.push(e.message);
    }
  }
  throw new CheckpointError(problems.length ? problems.join("; ") : `no checkpoint at ${dir}`);
}

/** True when DIR (or DIR.old) holds a complete checkpoint. */
export function hasCheckpoint(dir: string): boolean {
  return [dir, `${dir}.old`].some((d) => fs.existsSync(join(d, "manifest.json")));
}

function readVerified(dir: string): Checkpoint {
  const manifestPath = join(dir, "manifest.json");
  if (!fs.existsSync(manifestPath)) throw new CheckpointError(`${dir}: incomplete checkpoint (no manifest.json)`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as Manifest;
  } catch {
    throw new CheckpointError(`${manifestPath}: not valid JSON`);
  }
  if (manifest.format !== WEIGHTS_FORMAT || !manifest.files?.["weights.bin"] || !manifest.files["weights.json"]) {
    throw new CheckpointError(`${manifestPath}: not a ${WEIGHTS_FORMAT} manifest`);
  }
  const files: Record<string, Buffer> = {};
  let weights: Uint8Array | undefined;
  for (const [name, want] of Object.entries(manifest.files)) {
    const path = join(dir, name);
    if (!fs.existsSync(path)) throw new CheckpointError(`${path}: missing`);
    const bytes = readAligned(path);
    if (bytes.byteLength !== want.bytes || sha256(bytes) !== want.sha256) {
      throw new CheckpointError(`${path}: size or checksum differs from manifest.json (corrupt or half-written)`);
    }
    if (name === "weights.bin") weights = bytes;
    else files[name] = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  const index = JSON.parse(files["weights.json"].toString("utf8")) as WeightsIndex;
  return { dir, tensors: tensorsOf(index, weights!, dir), files };
}

function tensorsOf(index: WeightsIndex, bytes: Uint8Array, dir: string): CheckpointTensor[] {
  return Object.entries(index.tensors).map(([name, t]) => {
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (t.offset % 4 !== 0 || t.offset + 4 * n > bytes.byteLength) {
      throw new CheckpointError(`${dir}/weights.json: tensor ${name} lies outside weights.bin`);
    }
    return { name, kind: t.kind, shape: t.shape, data: new Float32Array(bytes.buffer, bytes.byteOffset + t.offset, n) };
  });
}

/** Reads a file into a fresh ArrayBuffer (so float32 views are aligned). */
function readAligned(path: string): Uint8Array {
  const size = fs.statSync(path).size;
  const out = new Uint8Array(new ArrayBuffer(size));
  const fd = fs.openSync(path, "r");
  try {
    let at = 0;
    while (at < size) {
      const n = fs.readSync(fd, out, at, Math.min(size - at, 1 << 30), at);
      if (n === 0) break;
      at += n;
    }
    return at === size ? out : out.subarray(0, at);
  } finally {
    fs.closeSync(fd);
  }
}

function writeFileSynced(path: string, bytes: Uint8Array): void {
  const fd = fs.openSync(path, "w");
  try {
    writeAllSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

// Atomic file replacement: write a temporary file in the destination folder, fsync it, rename it over the
// destination, fsync the folder. A reader sees either the old file or the complete new one, never a part.
// (Checkpoint directories are swapped in by src/train/checkpoint.ts, which uses writeAllSync from here.)
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";

/** What writeFileAtomic accepts: a string (written as UTF-8), one byte view, or byte views written in order. */
export type FileContents = string | ArrayBufferView | readonly ArrayBufferView[];

/** A fresh temporary name next to `path` (same folder, so rename stays on one file system). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
}

/** Writes `data` into `path` atomically; on failure the temporary file is removed and `path` is untouched. */
export function writeFileAtomic(path: string, data: FileContents): void {
  const parts = typeof data === "string" ? [Buffer.from(data)] : ArrayBuffer.isView(data) ? [data] : data;
  const tmp = tempPathFor(path);
  const fd = openSync(tmp, "w", 0o644);
  try {
    for (const p of parts) writeAllSync(fd, new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  commitTempFile(tmp, path, false);
}

/** Writes all of `bytes` at the descriptor's current position (writeSync may write less than asked). */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.byteLength) done += writeSync(fd, bytes, done, Math.min(bytes.byteLength - done, 1 << 26));
}

/**
 * Makes a temporary file written by someone else (e.g. faiss) durable and moves it over `path`.
 * `sync` = fsync the temporary file first (writeFileAtomic already did).
 */
export function commitTempFile(tmp: string, path: string, sync = true): void {
  try {
    if (sync) {
      const fd = openSync(tmp, "r+");
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  syncFolder(dirname(path));
}

function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // some file systems refuse fsync on a folder; the rename itself is still atomic
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

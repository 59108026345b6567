// Atomic file replacement: write a temporary file in the destination folder, fsync it, rename it over the
// destination, fsync the folder. A reader sees either the old file or the complete new one, never a part.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";

/** A fresh temporary name next to `path` (same folder, so rename stays on one file system). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
}

/** Writes `parts` one after the other into `path`, atomically. */
export function writeFileAtomic(path: string, parts: readonly ArrayBufferView[]): void {
  const tmp = tempPathFor(path);
  const fd = openSync(tmp, "w", 0o644);
  try {
    for (const p of parts) {
      const bytes = new Uint8Array(p.buffer, p.byteOffset, p.byteLength);
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, Math.min(bytes.length - done, 1 << 26));
    }
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  commitTempFile(tmp, path, false);
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

// Streaming line reader and field splitter. Files are read in 1 MiB chunks and handed to a callback line by
// line, so memory stays flat whatever the file size. Field start offsets are kept for column numbers in
// error messages.
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { DataError } from "./errors.js";

export type TextEncodingName = "utf8" | "latin1";

/**
 * Calls `onLine(line, lineNo)` for every line of the file (lineNo is 1-based; "\r\n" endings and a UTF-8
 * byte-order mark are removed). A final line without newline is delivered; an empty final line is not.
 */
export async function forEachLine(
  path: string,
  encoding: TextEncodingName,
  onLine: (line: string, lineNo: number) => void,
): Promise<number> {
  const decoder = new StringDecoder(encoding);
  let carry = "";
  let lineNo = 0;
  const deliver = (line: string): void => {
    lineNo++;
    if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    onLine(line, lineNo);
  };
  try {
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = carry + decoder.write(chunk);
      let from = 0;
      for (;;) {
        const nl = text.indexOf("\n", from);
        if (nl < 0) break;
        deliver(text.slice(from, nl));
        from = nl + 1;
      }
      carry = text.slice(from);
    }
  } catch (e) {
    if (e instanceof DataError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT") throw new DataError(`${path}: file not found`);
    if (err.code === "EISDIR") throw new DataError(`${path}: is a directory, expected a file`);
    if (err.code === "EACCES") throw new DataError(`${path}: permission denied`);
    throw e;
  }
  const rest = carry + decoder.end();
  if (rest.length > 0) deliver(rest);
  return lineNo;
}

/** Reusable output of `splitFields`: field texts and their 0-based start offsets in the line. */
export class Fields {
  values: string[] = [];
  starts: number[] = [];
  count = 0;
  /** 1-based column of field i, or the column just past the line end when the field is missing. */
  column(i: number, line: string): number {
    return i < this.count ? this.starts[i]! + 1 : line.length + 1;
  }
}

/**
 * Splits `line` on `delim` (one or more characters). With `quotes`, a field that starts with `"` runs to the
 * closing quote and `""` inside it stands for one quote (CSV style; a field cannot span lines).
 * Returns false when a quoted field is not closed.
 */
export function splitFields(line: string, delim: string, quotes: boolean, out: Fields): boolean {
  out.count = 0;
  const dl = delim.length;
  if (!quotes || line.indexOf('"') < 0) {
    let from = 0;
    for (;;) {
      const at = line.indexOf(delim, from);
      const end = at < 0 ? line.length : at;
      out.values[out.count] = line.slice(from, end);
      out.starts[out.count] = from;
      out.count++;
      if (at < 0) return true;
      from = at + dl;
    }
  }
  let pos = 0;
  for (;;) {
    out.starts[out.count] = pos;
    if (line.charCodeAt(pos) === 34) {
      let text = "";
      let i = pos + 1;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return false;
        text += line.slice(i, q);
        if (line.charCodeAt(q + 1) === 34) {
          text += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      out.values[out.count++] = text;
      if (i >= line.length) return true;
      if (!line.startsWith(delim, i)) {
        // Text after the closing quote: keep it, as spreadsheets do.
        const at = line.indexOf(delim, i);
        out.values[out.count - 1] = text + line.slice(i, at < 0 ? line.length : at);
        if (at < 0) return true;
        pos = at + dl;
        continue;
      }
      pos = i + dl;
    } else {
      const at = line.indexOf(delim, pos);
      const end = at < 0 ? line.length : at;
      out.values[out.count++] = line.slice(pos, end);
      if (at < 0) return true;
      pos = at + dl;
    }
  }
}

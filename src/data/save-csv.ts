// Writes an interaction log as a directory of CSV files that readDataDirectory reads back:
//   interactions.csv  user_id,item_id,timestamp   (raw ids, file order)
//   users.csv         user_id,<user features>
//   items.csv         item_id,<item features>
//   schema.json       which side columns are dense (the others are sparse)
// Used to let users see the built-in dataset (`rech data builtin --out DIR`).
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { generateBuiltin, type BuiltinOptions } from "./builtin.js";
import type { InteractionLog } from "./log.js";
import { FIRST_ID } from "./vocab.js";

export const SCHEMA_FILE = "schema.json";

export interface CsvSchema {
  userDense: string[];
  itemDense: string[];
}

function cell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

async function writeLines(path: string, header: string, n: number, row: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  const done = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
  });
  let chunk = header + "\n";
  for (let i = 0; i < n; i++) {
    chunk += row(i) + "\n";
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await done;
}

export async function writeLogCsv(log: InteractionLog, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const v = log.vocab;
  const users = v.feature("user_id");
  const items = v.feature("item_id");
  const dec = (name: string, id: number): string => cell(v.feature(name).decode(id) ?? "");
  const timeText = (t: number): string => (Number.isInteger(t) ? String(t) : t.toPrecision(17));
  await writeLines(join(dir, "interactions.csv"), "user_id,item_id,timestamp", log.size, (i) =>
    `${cell(users.decode(log.user[i]!)!)},${cell(items.decode(log.item[i]!)!)},${timeText(log.time[i]!)}`,
  );
  const side = async (file: string, key: string, n: number, sparse: Record<string, Int32Array>, dense: Record<string, Float32Array>) => {
    const sNames = Object.keys(sparse);
    const dNames = Object.keys(dense);
    const header = [key, ...sNames, ...dNames].join(",");
    await writeLines(join(dir, file), header, n - FIRST_ID, (k) => {
      const id = k + FIRST_ID;
      const cells = [dec(key, id), ...sNames.map((f) => dec(f, sparse[f]![id]!))];
      for (const f of dNames) {
        const s = v.dense.get(f)!;
        cells.push(String(dense[f]![id]! * s.std + s.mean));
      }
      return cells.join(",");
    });
  };
  await side("users.csv", "user_id", users.size, log.userSparse, log.userDense);
  await side("items.csv", "item_id", items.size, log.itemSparse, log.itemDense);
  const schema: CsvSchema = { userDense: Object.keys(log.userDense), itemDense: Object.keys(log.itemDense) };
  writeFileSync(join(dir, SCHEMA_FILE), JSON.stringify(schema, null, 2) + "\n");
}

/** Generates the built-in dataset and writes it as CSV files into `dir` (for `rech data builtin --out DIR`). */
export async function writeBuiltinCsv(dir: string, options: BuiltinOptions = {}): Promise<InteractionLog> {
  const log = generateBuiltin(options);
  await writeLogCsv(log, dir);
  return log;
}

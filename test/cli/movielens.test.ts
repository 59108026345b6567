// rech train, evaluate, recommend and export on a MovieLens (ML-1M format) directory, through the binary.
// The directory is generated here: 120 users with 25 ratings each over 90 movies with genres.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
function rech(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, "bin/rech.js"), ...args], { cwd: root, encoding: "utf8", timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function writeMl1m(dir: string): void {
  mkdirSync(dir, { recursive: true });
  let s = 12345;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const genres = ["Action", "Comedy", "Drama", "Horror", "Romance"];
  writeFileSync(join(dir, "movies.dat"), Array.from({ length: 90 }, (_, m) => `${m + 1}::Movie ${m + 1} (1999)::${genres[m % 5]}|${genres[(m + 2) % 5]}`).join("\n") + "\n");
  writeFileSync(join(dir, "users.dat"), Array.from({ length: 120 }, (_, u) => `${u + 1}::${u % 2 ? "M" : "F"}::${[1, 18, 25, 35][u % 4]}::${u % 21}::0${u}`).join("\n") + "\n");
  const rows: string[] = [];
  for (let u = 1; u <= 120; u++) {
    const taste = u % 5;
    for (let t = 0; t < 25; t++) {
      const movie = rnd() < 0.7 ? 1 + taste + 5 * Math.floor(rnd() * 18) : 1 + Math.floor(rnd() * 90);
      rows.push(`${u}::${movie}::${1 + Math.floor(rnd() * 5)}::${978300000 + u * 1000 + t}`);
    }
  }
  writeFileSync(join(dir, "ratings.dat"), rows.join("\n") + "\n");
}

it("trains, evaluates, recommends and exports YoutubeDNN on an ML-1M directory", () => {
  const tmp = mkdtempSync(join(tmpdir(), "rech-ml-"));
  const data = join(tmp, "ml-1m"), out = join(tmp, "model");
  writeMl1m(data);
  const t = rech("train", "models.rech", "--model", "YoutubeDNN", "--data", data, "--epochs", "1", "--batch-size", "128", "--out", out);
  expect(t.code, t.err).toBe(0);
  expect(t.out).toMatch(/YoutubeDNN\s+50\s+0\.\d{4}/);
  const e = rech("evaluate", "--model-dir", out, "--ks", "5,10");
  expect(e.code, e.err).toBe(0);
  expect(e.out).toMatch(/full ranking over 90 items/);
  expect(JSON.parse(readFileSync(join(out, "evaluation.json"), "utf8")).results[0].metrics["recall@10"]).toBeGreaterThanOrEqual(0);
  const r = rech("recommend", "--model-dir", out, "--k", "3");
  expect(r.code, r.err).toBe(0);
  const lines = readFileSync(join(out, "recommendations.tsv"), "utf8").trim().split("\n");
  expect(lines[0]).toBe("user\titem\trank\tscore");
  expect(lines).toHaveLength(1 + 120 * 3);
  const [user, item, rank] = lines[1]!.split("\t");
  expect(Number(user)).toBeGreaterThanOrEqual(1);
  expect(Number(item)).toBeGreaterThanOrEqual(1);
  expect(Number(item)).toBeLessThanOrEqual(90);
  expect(rank).toBe("1");
  const x = rech("export", "--model-dir", out);
  expect(x.code, x.err).toBe(0);
  expect(x.out).toContain("90 item vectors of width 16");
  const bad = rech("evaluate", "--model-dir", join(tmp, "nothing"));
  expect(bad.code).toBe(1);
  expect(bad.err).toContain("is not a model directory");
});

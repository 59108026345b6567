import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { FeatureVocab } from "../../src/data/vocab.js";
import {
  decodeIds, formatMetricsTable, metricsBarChart, writeMetricsChart, writeMetricsJson, writeRecommendations,
  type ModelMetrics,
} from "../../src/eval/index.js";

const here = dirname(fileURLToPath(import.meta.url));

const results: ModelMetrics[] = [
  { name: "YoutubeDNN", info: { mode: "list", epochs: 2 }, metrics: { "recall@10": 0.12, "ndcg@10": 0.061, "recall@50": 0.3125, "ndcg@50": 0.09 } },
  { name: "most-popular", metrics: { "recall@10": 0.05, "ndcg@10": 0.02, "recall@50": 0.1, "ndcg@50": 0.03 } },
];

describe("metric reports", () => {
  it("formats an aligned text table, one row per model and K", () => {
    expect(formatMetricsTable(results, { infoColumns: ["mode"] })).toBe([
      "model         mode   K  Recall    NDCG",
      "YoutubeDNN    list  10  0.1200  0.0610",
      "YoutubeDNN    list  50  0.3125  0.0900",
      "most-popular  -     10  0.0500  0.0200",
      "most-popular  -     50  0.1000  0.0300",
      "",
    ].join("\n"));
    const full = formatMetricsTable([{ name: "m", metrics: { "mrr@5": 1 / 3, "hitrate@5": 0.5, "precision@5": 0.1, "recall@5": 0.25, "ndcg@5": 0.2 } }]);
    expect(full.split("\n")[0]).toBe("model  K  Recall  Precision    NDCG  HitRate     MRR");
    expect(full.split("\n")[1]).toBe("m      5  0.2500     0.1000  0.2000   0.5000  0.3333");
  });

  it("writes JSON and an SVG bar chart atomically", () => {
    const dir = mkdtempSync(join(tmpdir(), "rech-eval-"));
    writeMetricsJson(join(dir, "metrics.json"), results, { data: "builtin" });
    const back = JSON.parse(readFileSync(join(dir, "metrics.json"), "utf8"));
    expect(back.format).toBe("rech-metrics/1");
    expect(back.data).toBe("builtin");
    expect(back.results[0]).toEqual({ name: "YoutubeDNN", info: { mode: "list", epochs: 2 }, metrics: results[0]!.metrics });
    writeMetricsChart(join(dir, "metrics.svg"), results, "Built-in <data>");
    const svg = readFileSync(join(dir, "metrics.svg"), "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain("Built-in &lt;data&gt;");
    // 4 groups (Recall@10, Recall@50, NDCG@10, NDCG@50) x 2 models = 8 bars, plus a legend swatch per model and the background
    expect(svg.match(/<rect [^>]*><title>/g)!.length).toBe(8);
    expect(svg).toContain("<title>YoutubeDNN Recall@50 = 0.3125</title>");
    for (const label of ["Recall@10", "Recall@50", "NDCG@10", "NDCG@50"]) expect(svg).toContain(`>${label}</text>`);
    // the tallest bar reaches the top tick's height or less
    expect(metricsBarChart([])).toContain("no data");
    expect(readdirSync(dir).sort()).toEqual(["metrics.json", "metrics.svg"]);
  });

  it("writes recommendations as TSV with raw ids (golden)", () => {
    const items = new FeatureVocab("item_id", ["apple", "banana", "cherry"]); // ids 2, 3, 4
    const users = new FeatureVocab("user_id", ["alice", "bob"]);
    const path = join(mkdtempSync(join(tmpdir(), "rech-eval-")), "recs.tsv");
    writeRecommendations(path, decodeIds(Int32Array.from([2, 3]), users, "user id"), items, {
      k: 3,
      items: Int32Array.from([4, 2, -1, 3, 4, 2]),
      scores: Float32Array.from([0.9, 0.123456789, -Infinity, 1, -0.5, 1e-8]),
    });
    expect(readFileSync(path, "utf8")).toBe(readFileSync(join(here, "golden", "recommendations.tsv"), "utf8"));
    expect(() => decodeIds([1], users, "user id")).toThrow(/user id 1 has no raw value/);
    expect(() => writeRecommendations(path, ["a\tb"], items, { k: 1, items: Int32Array.from([2]), scores: new Float32Array(1) }))
      .toThrow(/contains a tab/);
  });
});

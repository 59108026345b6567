// Metrics of one or several models as a plain aligned text table (one row per model and K, one column per
// metric) and as a JSON file.
import { writeFileAtomic } from "../util/atomic-write.js";
import { METRIC_NAMES } from "../retrieval/metrics.js";

/** One evaluated model: its metrics ("<metric>@<K>" -> value) and free-form facts (mode, epochs, time...). */
export interface ModelMetrics {
  name: string;
  metrics: Record<string, number>;
  info?: Record<string, string | number | boolean>;
}

const LABELS: Record<string, string> = { recall: "Recall", precision: "Precision", ndcg: "NDCG", hitrate: "HitRate", mrr: "MRR" };

export function metricLabel(metric: string): string {
  return LABELS[metric] ?? metric;
}

/** Metric names (known ones in the usual order, then others) and K values found in the keys. */
export function metricLayout(results: readonly ModelMetrics[]): { metrics: string[]; ks: number[] } {
  const metrics = new Set<string>();
  const ks = new Set<number>();
  for (const r of results) {
    for (const key of Object.keys(r.metrics)) {
      const m = /^(.+)@(\d+)$/.exec(key);
      if (!m) continue;
      metrics.add(m[1]!);
      ks.add(Number(m[2]));
    }
  }
  const known = METRIC_NAMES.filter((m) => metrics.has(m));
  const others = [...metrics].filter((m) => !(METRIC_NAMES as readonly string[]).includes(m)).sort();
  return { metrics: [...known, ...others], ks: [...ks].sort((a, b) => a - b) };
}

/**
 * The table, e.g.
 *   model       K  Recall  Precision    NDCG  HitRate     MRR
 *   YoutubeDNN 10  0.1200     0.0120  0.0610   0.1200  0.0430
 * A metric a model lacks shows as "-". `infoColumns` adds columns from each model's info after the name.
 */
export function formatMetricsTable(results: readonly ModelMetrics[], opts: { digits?: number; infoColumns?: string[] } = {}): string {
  const digits = opts.digits ?? 4;
  const info = opts.infoColumns ?? [];
  const { metrics, ks } = metricLayout(results);
  const header = ["model", ...info, "K", ...metrics.map(metricLabel)];
  const rows: string[][] = [];
  for (const r of results) {
    for (const k of ks) {
      const values = metrics.map((m) => {
        const v = r.metrics[`${m}@${k}`];
        return v === undefined ? "-" : Number.isFinite(v) ? v.toFixed(digits) : String(v);
      });
      if (values.every((v) => v === "-")) continue;
      rows.push([r.name, ...info.map((c) => (r.info?.[c] === undefined ? "-" : String(r.info[c]))), String(k), ...values]);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const leftAligned = 1 + info.length; // model and info columns; K and metrics are right-aligned
  const line = (cells: string[]) => cells.map((c, i) => (i < leftAligned ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}

/** The JSON document of writeMetricsJson. */
export function metricsJson(results: readonly ModelMetrics[], extra: Record<string, unknown> = {}): object {
  return {
    format: "rech-metrics/1",
    ...extra,
    results: results.map((r) => ({ name: r.name, ...(r.info ? { info: r.info } : {}), metrics: r.metrics })),
  };
}

/** Writes the metrics as JSON (atomically: temporary file, fsync, rename). */
export function writeMetricsJson(path: string, results: readonly ModelMetrics[], extra: Record<string, unknown> = {}): void {
  writeFileAtomic(path, JSON.stringify(metricsJson(results, extra), null, 2) + "\n");
}

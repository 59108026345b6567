// A small SVG bar chart of metrics per model: one group of bars per "<metric>@<K>", one bar (colour) per
// model, a legend, value axis from 0 with round ticks (niceTicks of src/train/svg-chart.ts).
import { writeFileAtomic } from "../util/atomic-write.js";
import { niceTicks } from "../train/svg-chart.js";
import { metricLabel, metricLayout, type ModelMetrics } from "./table.js";

const COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
const H = 340;
const M = { left: 56, right: 16, top: 40, bottom: 64 };

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

export function metricsBarChart(results: readonly ModelMetrics[], title = "Retrieval metrics"): string {
  const { metrics, ks } = metricLayout(results);
  const groups = metrics.flatMap((m) => ks.map((k) => ({ key: `${m}@${k}`, label: `${metricLabel(m)}@${k}` })))
    .filter((g) => results.some((r) => Number.isFinite(r.metrics[g.key])));
  const n = Math.max(1, results.length);
  const barW = Math.max(6, Math.min(22, Math.floor(60 / n)));
  const groupW = Math.max(64, n * barW + 16);
  const legendH = 16 * results.length;
  const pw = Math.max(1, groups.length) * groupW;
  const W = M.left + pw + M.right;
  const ph = H - M.top - M.bottom;
  const height = H + legendH;
  let top = 0;
  for (const r of results) for (const g of groups) top = Math.max(top, r.metrics[g.key] ?? 0);
  const ticks = niceTicks(0, top > 0 ? top : 1, 5);
  const yMax = Math.max(ticks[ticks.length - 1]!, top > 0 ? top : 1);
  const sy = (v: number) => M.top + ph - (v / yMax) * ph;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="sans-serif">`,
    `<rect width="${W}" height="${height}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`,
  ];
  for (const t of ticks) {
    const y = sy(t).toFixed(1);
    out.push(`<line x1="${M.left}" y1="${y}" x2="${M.left + pw}" y2="${y}" stroke="#ddd"/>`);
    out.push(`<text x="${M.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" font-size="11">${Number(t.toPrecision(6))}</text>`);
  }
  out.push(`<line x1="${M.left}" y1="${M.top + ph}" x2="${M.left + pw}" y2="${M.top + ph}" stroke="#333"/>`);
  groups.forEach((g, gi) => {
    const x0 = M.left + gi * groupW + (groupW - n * barW) / 2;
    results.forEach((r, ri) => {
      const v = r.metrics[g.key];
      if (v === undefined || !Number.isFinite(v)) return;
      const y = sy(Math.max(0, v));
      out.push(`<rect x="${(x0 + ri * barW).toFixed(1)}" y="${y.toFixed(1)}" width="${barW - 1}" height="${(M.top + ph - y).toFixed(1)}" ` +
        `fill="${COLORS[ri % COLORS.length]}"><title>${esc(r.name)} ${esc(g.label)} = ${v.toFixed(4)}</title></rect>`);
    });
    const cx = M.left + gi * groupW + groupW / 2;
    out.push(`<text x="${cx.toFixed(1)}" y="${M.top + ph + 16}" text-anchor="middle" font-size="11">${esc(g.label)}</text>`);
  });
  if (groups.length === 0) out.push(`<text x="${M.left + pw / 2}" y="${M.top + ph / 2}" text-anchor="middle" font-size="12" fill="#888">no data</text>`);
  results.forEach((r, ri) => {
    const y = H - 20 + ri * 16;
    out.push(`<rect x="${M.left}" y="${y - 9}" width="12" height="12" fill="${COLORS[ri % COLORS.length]}"/>`);
    out.push(`<text x="${M.left + 18}" y="${y}" font-size="12" dominant-baseline="middle">${esc(r.name)}</text>`);
  });
  out.push("</svg>", "");
  return out.join("\n");
}

export function writeMetricsChart(path: string, results: readonly ModelMetrics[], title?: string): void {
  writeFileAtomic(path, metricsBarChart(results, title));
}

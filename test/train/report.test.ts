// The progress line, the SVG chart writer, and the seeded initialisers.
import { describe, expect, it } from "vitest";
import { initTensor, fillNoise } from "../../src/train/init.js";
import { deriveSeed, Prng } from "../../src/train/prng.js";
import { formatDuration, Progress } from "../../src/train/progress.js";
import { niceTicks, renderCharts } from "../../src/train/svg-chart.js";

describe("progress line", () => {
  const sink = (tty: boolean) => {
    const chunks: string[] = [];
    return { chunks, stream: { write: (s: string) => chunks.push(s), isTTY: tty } };
  };

  it("redraws one line on a terminal with rate, ETA and loss", () => {
    let t = 0;
    const { chunks, stream } = sink(true);
    const p = new Progress({ stream, now: () => t, width: 10 });
    p.start("epoch 1/3", 100);
    t = 2000;
    p.update(50, 1600, 0.69314);
    t = 2050;
    p.update(51, 1632, 0.7); // within 100 ms: not drawn
    t = 4000;
    p.finish(100, 3200, 0.5, "auc 0.7000");
    expect(chunks).toEqual([
      "\repoch 1/3 [#####.....] 50/100 25.0 steps/s 800 rows/s ETA 0:02 loss 0.6931\x1b[K",
      "\repoch 1/3 [##########] 100/100 25.0 steps/s 800 rows/s ETA 0:00 loss 0.5000  auc 0.7000\x1b[K\n",
    ]);
  });

  it("prints plain periodic lines when not a terminal, counting rate from a resumed step", () => {
    let t = 0;
    const { chunks, stream } = sink(false);
    const p = new Progress({ stream, now: () => t, lineMs: 10_000 });
    p.start("epoch 2/2", undefined, 40);
    t = 5000;
    p.update(45, 80, 1);
    t = 10_000;
    p.update(60, 320, 0.25);
    expect(chunks).toEqual(["epoch 2/2 60 2.0 steps/s 32.0 rows/s loss 0.2500\n"]);
    expect(formatDuration(3725)).toBe("1:02:05");
    expect(formatDuration(NaN)).toBe("--:--");
  });
});

describe("SVG chart", () => {
  it("picks round ticks", () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 47, 4)).toEqual([10, 20, 30, 40]);
    expect(niceTicks(0.6912, 0.6931, 5)).toEqual([0.6915, 0.692, 0.6925, 0.693]);
  });

  it("draws axes, labels, one polyline per series and a legend", () => {
    const svg = renderCharts([
      { title: "Loss <train>", xLabel: "step", yLabel: "loss", series: [{ name: "a", points: [[0, 1], [10, 0.5], [20, NaN], [30, 0.25]] }, { name: "b & c", points: [[5, 0.7]] }] },
      { title: "Empty", xLabel: "epoch", series: [] },
    ]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="600"')).toBe(true);
    expect(svg).toContain("Loss &lt;train&gt;");
    expect(svg).toContain(">b &amp; c</text>");
    expect(svg.match(/<polyline/g)).toHaveLength(1);
    expect(svg.match(/<circle/g)).toHaveLength(4);
    expect(svg).toContain("no data");
    const poly = /points="([^"]+)"/.exec(svg)![1].split(" ").map((p) => p.split(",").map(Number));
    expect(poly).toHaveLength(3);
    expect(poly[0][0]).toBe(64); // x = 0 at the left edge of the plot
    expect(poly[2][0]).toBe(624); // x = 30 at the right edge
    expect(poly[2][1]).toBeGreaterThan(poly[0][1]); // smaller loss lower on the page
  });
});

describe("seeded initialisers", () => {
  it("draws normal and uniform values with the declared moments and zeroes the padding row", () => {
    const n = 20000;
    const a = new Float32Array(n);
    initTensor(a, [n / 4, 4], { kind: "normal", mean: 1, std: 0.5, zeroRow: 2 }, 7, "t");
    expect(Array.from(a.subarray(8, 12))).toEqual([0, 0, 0, 0]);
    let s = 0, s2 = 0;
    for (const v of a) (s += v), (s2 += v * v);
    const mean = s / n, sd = Math.sqrt(s2 / n - mean * mean);
    expect(mean).toBeCloseTo(1, 1);
    expect(sd).toBeCloseTo(0.5, 1);
    initTensor(a, [n], { kind: "uniform", low: -2, high: 3 }, 7, "t");
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...a)).toBeLessThan(3);
    expect(a.reduce((x, y) => x + y, 0) / n).toBeCloseTo(0.5, 1);
    const b = new Float32Array(n);
    initTensor(b, [n], { kind: "uniform", low: -2, high: 3 }, 7, "t");
    expect(b).toEqual(a);
    initTensor(b, [n], { kind: "uniform", low: -2, high: 3 }, 7, "u");
    expect(b).not.toEqual(a);
  });

  it("derives distinct, reproducible noise per step and input", () => {
    const x = new Float32Array(8), y = new Float32Array(8), z = new Float32Array(8);
    fillNoise(x, { kind: "noise", dist: "uniform" }, 1, 5, "drop");
    fillNoise(y, { kind: "noise", dist: "uniform" }, 1, 5, "drop");
    fillNoise(z, { kind: "noise", dist: "uniform" }, 1, 6, "drop");
    expect(y).toEqual(x);
    expect(z).not.toEqual(x);
    expect(deriveSeed(1, 2 ** 33)).not.toBe(deriveSeed(1, 2));
    expect(new Prng(3).nextU32()).toBe(new Prng(3).nextU32());
  });
});

// The training curves picture: loss against global step (the logged running loss and the per-epoch mean),
// and the validation metrics against epoch when there are any.
import { writeFileAtomic } from "../util/atomic-write.js";
import type { ChartSpec } from "./svg-chart.js";
import { renderCharts } from "./svg-chart.js";
import type { TrainerState } from "./state.js";

export function curveCharts(s: TrainerState): ChartSpec[] {
  const charts: ChartSpec[] = [{
    title: "Training loss",
    xLabel: "step",
    yLabel: "loss",
    series: [
      { name: "loss (logged)", points: s.curve },
      { name: "epoch mean", points: s.history.map((h) => [h.step, h.loss] as [number, number]) },
    ],
  }];
  const names = [...new Set(s.history.flatMap((h) => Object.keys(h.metrics)))].sort();
  if (names.length > 0) {
    charts.push({
      title: "Validation",
      xLabel: "epoch",
      yLabel: "metric",
      series: names.map((n) => ({
        name: n,
        points: s.history.filter((h) => n in h.metrics).map((h) => [h.epoch, h.metrics[n]] as [number, number]),
      })),
    });
  }
  return charts;
}

export function writeCurves(path: string, s: TrainerState): void {
  writeFileAtomic(path, renderCharts(curveCharts(s)));
}

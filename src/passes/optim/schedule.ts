// Learning-rate schedules, computed host-side: the step graph reads the rate from the hyper input opt.lr.
// `step` is the 0-based index of the update (0 for the first optimizer step of the run).

export type LrSchedule =
  | { kind: "constant"; lr: number; warmupSteps?: number }
  /** StepLR stepped once per epoch: lr·γ^⌊epoch/stepSize⌋ with epoch = ⌊step/stepsPerEpoch⌋ */
  | { kind: "step"; lr: number; stepSize: number; gamma: number; stepsPerEpoch: number; warmupSteps?: number }
  /** cosine annealing from lr to minLr over totalSteps, then minLr */
  | { kind: "cosine"; lr: number; totalSteps: number; minLr?: number; warmupSteps?: number };

/** Linear warmup (any schedule): the rate is scaled by (step+1)/warmupSteps during the first warmupSteps steps. */
function warmup(step: number, steps: number | undefined): number {
  if (!steps || step >= steps) return 1;
  return (step + 1) / steps;
}

export function lrAt(step: number, s: LrSchedule): number {
  let lr: number;
  switch (s.kind) {
    case "constant":
      lr = s.lr;
      break;
    case "step": {
      const epoch = Math.floor(step / s.stepsPerEpoch);
      lr = s.lr * Math.pow(s.gamma, Math.floor(epoch / s.stepSize));
      break;
    }
    case "cosine": {
      const min = s.minLr ?? 0;
      const t = Math.min(step, s.totalSteps);
      lr = min + ((s.lr - min) * (1 + Math.cos((Math.PI * t) / s.totalSteps))) / 2;
      break;
    }
  }
  return lr * warmup(step, s.warmupSteps);
}

// The trainer's own state, saved as trainer.json in every `last/` checkpoint. Together with the executor's
// tensors and step count it determines the rest of the run: batches are rebuilt from (seed, epoch, batch
// index), noise from (seed, step), so resuming from it replays exactly what an uninterrupted run would do.

export interface EpochRecord {
  /** 1-based */
  epoch: number;
  /** mean training loss over the epoch's steps */
  loss: number;
  lr: number;
  steps: number;
  /** global step count at the end of the epoch */
  step: number;
  metrics: Record<string, number>;
}

export interface TrainerState {
  version: 1;
  /** caller-provided settings digest; a resume with other settings is refused */
  fingerprint: string;
  /** the executor's seed (noise streams derive from it) */
  seed: number;
  /** 0-based epoch in progress (or next to start) */
  epoch: number;
  /** next batch index within that epoch */
  batch: number;
  /** completed global steps */
  step: number;
  epochLossSum: number;
  epochRows: number;
  history: EpochRecord[];
  /** loss curve: [global step, mean loss of the `logEvery` steps ending there] */
  curve: [number, number][];
  curveSum: number;
  curveCount: number;
  best: { epoch: number; value: number } | null;
  /** consecutive epochs without improvement */
  badEpochs: number;
  stoppedEarly: boolean;
  done: boolean;
}

export function freshState(fingerprint: string, seed: number): TrainerState {
  return {
    version: 1, fingerprint, seed, epoch: 0, batch: 0, step: 0, epochLossSum: 0, epochRows: 0, history: [], curve: [],
    curveSum: 0, curveCount: 0, best: null, badEpochs: 0, stoppedEarly: false, done: false,
  };
}

/** Parses trainer.json; throws with a message naming the file when it is not a trainer state. */
export function parseState(text: string, file: string): TrainerState {
  let s: TrainerState;
  try {
    s = JSON.parse(text) as TrainerState;
  } catch {
    throw new Error(`${file}: not valid JSON`);
  }
  if (s.version !== 1 || typeof s.step !== "number" || !Array.isArray(s.history)) {
    throw new Error(`${file}: not a rech trainer state (version 1)`);
  }
  return s;
}

/** JSON numbers round-trip doubles exactly; non-finite values (never stored on purpose) become null. */
export function serializeState(s: TrainerState): string {
  return JSON.stringify(s) + "\n";
}

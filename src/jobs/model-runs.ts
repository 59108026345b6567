// The twelve models of models.rech as the benchmarks and the all-models test train them: the train mode
// (a label for tables), `--set` overrides and the learning rate where the default (0.002) does not suit.
// STAMP and SINE keep their reference initialisations (embeddings N(0, 0.002) and N(0, 1e-4); STAMP's output
// maps N(0, 0.002) too), so their first scores are tiny and the gradients sit near Adam's epsilon: at lr 0.002 the loss
// stays on its ln(V) / ln(1+N) plateau for epochs; lr 0.01 leaves it within the first epoch.
export interface ModelRun {
  model: string;
  mode: string;
  set?: Record<string, unknown>;
  lr?: number;
}

export const FIRST_FOUR: ModelRun[] = [
  { model: "DSSM", mode: "pointwise", set: { mode: "pointwise" } },
  { model: "DSSM", mode: "listwise", set: { mode: "listwise" } },
  { model: "FaceBookDSSM", mode: "pairwise" },
  { model: "YoutubeDNN", mode: "listwise" },
  { model: "YoutubeSBC", mode: "listwise" },
];

/** One run per model (DSSM point-wise). */
export const ALL_MODELS: ModelRun[] = [
  FIRST_FOUR[0]!, ...FIRST_FOUR.slice(2),
  { model: "MIND", mode: "listwise" },
  { model: "ComirecDR", mode: "listwise" },
  { model: "ComirecSA", mode: "listwise" },
  { model: "GRU4Rec", mode: "listwise" },
  { model: "NARM", mode: "listwise (all items)" },
  { model: "STAMP", mode: "listwise (all items)", lr: 0.01 },
  { model: "SASRec", mode: "pairwise (positions)" },
  { model: "SINE", mode: "listwise", lr: 0.01 },
];

// The options of rech train; parseArgs checks the choices, so the typed fields below hold.
import type { OptionSpec } from "../args.js";

export interface TrainFlags {
  model: string; data: string; out: string; epochs: number; "batch-size": number; lr: number;
  optimizer: "adam" | "adamw" | "sgd" | "adagrad"; "weight-decay": number; seed: number; resume?: boolean;
  device: "cpu" | "cuda"; dense?: boolean; set?: string[]; "neg-ratio": number; "clip-norm": number;
  "checkpoint-every"?: number; schedule: "constant" | "cosine" | "step"; warmup: number;
  sampler: "uniform" | "popularity"; padding: "pre" | "post"; "no-validate"?: boolean; patience: number;
  metric: string; ks: string;
}

export const trainOptions: OptionSpec[] = [
  { name: "model", type: "string", help: "the model to train", required: true, value: "NAME" },
  { name: "data", type: "string", help: "builtin, builtin:small, a MovieLens directory or a CSV log", default: "builtin", value: "SOURCE" },
  { name: "out", type: "string", help: "model directory to write", required: true, value: "DIR" },
  { name: "epochs", type: "number", help: "epochs", default: 3, value: "N" },
  { name: "batch-size", type: "number", help: "rows per step", default: 512, value: "N" },
  { name: "lr", type: "number", help: "learning rate", default: 0.001, value: "X" },
  { name: "optimizer", type: "string", help: "optimizer", choices: ["adam", "adamw", "sgd", "adagrad"], default: "adam", value: "NAME" },
  { name: "weight-decay", type: "number", help: "weight decay (coupled for adam/sgd/adagrad, decoupled for adamw)", default: 0, value: "X" },
  { name: "seed", type: "number", help: "seed of data order, negatives and initial weights", default: 2022, value: "N" },
  { name: "resume", type: "boolean", help: "continue an interrupted run from DIR/checkpoints/last" },
  { name: "checkpoint-every", type: "number", help: "write the resume checkpoint every N steps (default: 4 per epoch, at least 50 steps apart)", value: "N" },
  { name: "device", type: "string", help: "where onnxruntime runs", choices: ["cpu", "cuda"], default: "cpu", value: "DEVICE" },
  { name: "dense", type: "boolean", help: "dense embedding updates (exact PyTorch semantics) instead of row-sparse" },
  { name: "set", type: "list", help: "override a model parameter (repeatable)", value: "NAME=VALUE" },
  { name: "neg-ratio", type: "number", help: "point-wise training: label-0 rows per positive", default: 3, value: "N" },
  { name: "sampler", type: "string", help: "negative sampler", choices: ["uniform", "popularity"], default: "popularity", value: "NAME" },
  { name: "padding", type: "string", help: "history padding", choices: ["pre", "post"], default: "pre", value: "SIDE" },
  { name: "no-validate", type: "boolean", help: "skip validation after each epoch" },
  { name: "patience", type: "number", help: "early stopping: epochs without improvement", default: 2, value: "N" },
  { name: "metric", type: "string", help: "validation metric for early stopping and the best checkpoint", default: "recall@50", value: "NAME" },
  { name: "clip-norm", type: "number", help: "clip gradients by their global L2 norm (0: off)", default: 0, value: "X" },
  { name: "schedule", type: "string", help: "learning rate: cosine goes to 0 over the run, step halves it every epoch", choices: ["constant", "cosine", "step"], default: "constant", value: "KIND" },
  { name: "warmup", type: "number", help: "linear learning-rate warmup steps", default: 0, value: "N" },
  { name: "ks", type: "string", help: "cut-offs of the metrics", default: "10,20,50", value: "K,K,..." },
];


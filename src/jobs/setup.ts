// What every job starts with: the program, the dataset, and the model parameters that the data decides
// (vocabulary sizes), so a model written for one dataset runs on another.
import { hasErrors } from "../diag/index.js";
import { openDataset, prepareMatchData, type MatchData } from "../data/index.js";
import { modelInfo, type ModelInfo, type Program } from "../passes/model/index.js";
import { UserError } from "../cli/errors.js";
import { load, renderText, requireProgram } from "../cli/program.js";

export interface RunSetup {
  file: string;
  program: Program;
  info: ModelInfo;
  /** user overrides plus the vocabulary sizes taken from the data */
  overrides: Record<string, unknown>;
  data: MatchData;
}

export async function loadData(source: string, seed: number): Promise<MatchData> {
  const log = await openDataset(source, { seed });
  return prepareMatchData(log);
}

/** Header parameters named by a feature's `vocab` attribute, set to the data's vocabulary size of that column. */
export function vocabOverrides(program: Program, setName: string, data: MatchData): Record<string, number> {
  const set = program.featureSets.get(setName);
  const out: Record<string, number> = {};
  if (!set) return out;
  const vocab = data.log.vocab;
  for (const f of set.features) {
    const attr = f.attrs.find((a) => a.key.name === "vocab");
    if (!attr || attr.value.kind !== "Name") continue;
    let size: number | undefined;
    try {
      size = vocab.feature(f.name.name).size;
    } catch {
      size = undefined;
    }
    if (size !== undefined) out[(attr.value as { name: string }).name] = size;
  }
  return out;
}

export async function setupRun(file: string, model: string, dataSource: string, userOverrides: Record<string, unknown>, seed: number): Promise<RunSetup> {
  const loaded = load(file);
  const program = requireProgram(loaded, file);
  const first = modelInfo(program, model, userOverrides);
  if (!first.info) throw new UserError(renderText(loaded, file, first.diagnostics).trimEnd() || `rech: no model named ${model} in ${file}`);
  const data = await loadData(dataSource, seed);
  const declared = first.info.params;
  const vocab = Object.entries(vocabOverrides(program, String(declared.features), data)).filter(([k]) => k in declared);
  const overrides = { ...Object.fromEntries(vocab), ...userOverrides };
  const r = modelInfo(program, model, overrides);
  if (!r.info || hasErrors(r.diagnostics)) throw new UserError(renderText(loaded, file, r.diagnostics).trimEnd());
  return { file, program, info: r.info, overrides, data };
}

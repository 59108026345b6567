// Loading a .rech file for a command: read it, parse and check it with the prelude, render diagnostics.
import { readFileSync } from "node:fs";
import { hasErrors, renderDiagnostics, summaryLine, type Diagnostic } from "../diag/index.js";
import { loadProgram, sourceLookup, type Program } from "../passes/evaluate/program.js";
import { UserError } from "./errors.js";

export function readSource(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === "ENOENT" ? `rech: ${file}: no such file` : `rech: cannot read ${file}: ${(e as Error).message}`);
  }
}

export interface Loaded {
  program?: Program;
  diagnostics: Diagnostic[];
  text: string;
}

export function load(file: string): Loaded {
  const text = readSource(file);
  const { program, diagnostics } = loadProgram([{ file, text }]);
  return { program, diagnostics, text };
}

/** Text of a file for the renderer: the program's sources first, the disk otherwise. */
function lookupFor(loaded: Loaded, file: string): (f: string) => string | undefined {
  const fromProgram = loaded.program ? sourceLookup(loaded.program) : undefined;
  return (f) => {
    const t = fromProgram?.(f);
    if (t !== undefined) return t;
    if (f === file) return loaded.text;
    try {
      return readFileSync(f, "utf8");
    } catch {
      return undefined;
    }
  };
}

export function renderText(loaded: Loaded, file: string, diagnostics: Diagnostic[]): string {
  if (diagnostics.length === 0) return "";
  return `${renderDiagnostics(diagnostics, lookupFor(loaded, file))}${summaryLine(diagnostics)}\n`;
}

/** Stops the command with the rendered diagnostics when there are errors. */
export function requireProgram(loaded: Loaded, file: string, extra: Diagnostic[] = []): Program {
  const all = [...loaded.diagnostics, ...extra];
  if (!loaded.program || hasErrors(all)) throw new UserError(renderText(loaded, file, all).trimEnd());
  return loaded.program;
}

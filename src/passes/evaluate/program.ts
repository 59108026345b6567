// A loaded program: the standard prelude (prelude/std.rech) and the user's files, parsed and checked, with
// their blocks, features sets and models collected by name. User blocks shadow prelude blocks of the same
// name; two user files defining the same name is an error.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { diag, sortDiagnostics, type Diagnostic, type SourceLookup } from "../../diag/index.js";
import type { BlockDecl, FeaturesDecl, Ident, Item, ModelDecl, Program as Ast } from "../../parser/ast.js";
import { parseAndCheck } from "../../parser/front-end.js";
import { builtinNames } from "./builtins/index.js";

export const PRELUDE_FILE = "prelude/std.rech";

export interface Program {
  files: { file: string; ast: Ast; prelude: boolean }[];
  /** file name -> text, for rendering diagnostics */
  sources: Map<string, string>;
  /** blocks visible to user files: the prelude's, replaced by user blocks of the same name */
  blocks: Map<string, BlockDecl>;
  /** the prelude's own blocks: calls written in the prelude resolve here, so a user block never changes
   *  what a prelude block does */
  preludeBlocks: Map<string, BlockDecl>;
  featureSets: Map<string, FeaturesDecl>;
  /** in definition order */
  models: Map<string, ModelDecl>;
}

let preludeText: string | undefined;

/** The text of prelude/std.rech (read once). */
export function preludeSource(): string {
  preludeText ??= readFileSync(fileURLToPath(new URL("../../../prelude/std.rech", import.meta.url)), "utf8");
  return preludeText;
}

/** Names of the prelude's blocks (for checking user files, which may call them). */
function preludeBlockNames(ast: Ast): string[] {
  return ast.items.filter((i): i is BlockDecl => i.kind === "Block").map((b) => b.name.name);
}

function itemName(item: Item): Ident {
  return item.name;
}

export function loadProgram(sources: { file: string; text: string }[]): { program?: Program; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const builtins = builtinNames();
  const prelude = parseAndCheck(preludeSource(), PRELUDE_FILE, builtins);
  diagnostics.push(...prelude.diagnostics);
  const userNames = new Set([...builtins, ...preludeBlockNames(prelude.ast)]);
  const program: Program = {
    files: [{ file: PRELUDE_FILE, ast: prelude.ast, prelude: true }],
    sources: new Map([[PRELUDE_FILE, preludeSource()]]),
    blocks: new Map(),
    preludeBlocks: new Map(),
    featureSets: new Map(),
    models: new Map(),
  };
  for (const s of sources) {
    const checked = parseAndCheck(s.text, s.file, userNames);
    diagnostics.push(...checked.diagnostics);
    program.files.push({ file: s.file, ast: checked.ast, prelude: false });
    program.sources.set(s.file, s.text);
  }
  collect(program, diagnostics);
  // the program is returned even with errors, so that diagnostics in any file (prelude included) can be
  // rendered; callers evaluate models only when there are no errors
  return { program, diagnostics: sortDiagnostics(diagnostics) };
}

/** Fills the name tables: prelude first, then user files, whose definitions shadow the prelude's. */
function collect(program: Program, diagnostics: Diagnostic[]): void {
  const firstUser = new Map<string, Ident>();
  for (const f of program.files) {
    for (const item of f.ast.items) {
      const name = itemName(item);
      if (name.name === "") continue;
      if (!f.prelude) {
        const seen = firstUser.get(name.name);
        if (seen) {
          // duplicates inside one file are reported by the front end (RECH2001)
          if (seen.span.file !== name.span.file) {
            diagnostics.push(diag("RECH2001", name.span, { name: name.name }, [{ message: `'${name.name}' is first defined here`, span: seen.span }]));
          }
          continue;
        }
        firstUser.set(name.name, name);
      }
      if (item.kind === "Block" && f.prelude && !program.preludeBlocks.has(name.name)) program.preludeBlocks.set(name.name, item);
      if (item.kind === "Block") {
        const known = program.blocks.get(name.name);
        if (!known || (!f.prelude && known.span.file === PRELUDE_FILE)) program.blocks.set(name.name, item);
      }
      if (item.kind === "Features" && !program.featureSets.has(name.name)) program.featureSets.set(name.name, item);
      if (item.kind === "Model" && !program.models.has(name.name)) program.models.set(name.name, item);
    }
  }
}

/** Looks up the text of any file of the program (prelude included), for renderDiagnostics. */
export function sourceLookup(p: Program): SourceLookup {
  return (file) => p.sources.get(file);
}

export function listModels(p: Program): string[] {
  return [...p.models.keys()];
}

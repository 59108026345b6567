// Lists of language words as they appear in messages: "'sparse', 'sequence' or 'dense'".
import { FEATURE_KINDS, ITEM_KEYWORDS, SECTION_NAMES } from "../../grammar/words.js";

/** "'a', 'b' or 'c'" (conjunction "and" for lists of things that all exist). */
export function wordList(words: readonly string[], conjunction: "or" | "and" = "or"): string {
  const quoted = words.map((w) => `'${w}'`);
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} ${conjunction} ${quoted[quoted.length - 1]}`;
}

export const ITEM_WORDS = wordList(ITEM_KEYWORDS);
export const FEATURE_KIND_WORDS = wordList(FEATURE_KINDS);
export const SECTION_WORDS = wordList(SECTION_NAMES, "and");

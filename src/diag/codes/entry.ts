// The shape of one catalogue entry. Messages are templates with named holes: "unknown variable '{name}'".
import type { Severity } from "../diagnostic.js";

export interface CatalogueEntry {
  severity: Severity;
  message: string;
  /** one line for docs and `rech explain`: when the diagnostic is reported */
  summary: string;
}

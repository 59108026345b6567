// Words of the language that are not tokens of their own: feature kinds and their attributes, model
// sections, and the names a model header or a score section gives a meaning to. Together with
// grammar/tokens.ts this is the only place the language's words are spelled.

/** The words that start a top-level item. */
export const ITEM_KEYWORDS = ["features", "block", "model"] as const;

export const FEATURE_KINDS = ["sparse", "sequence", "dense"] as const;
export type FeatureKind = (typeof FEATURE_KINDS)[number];

export const FEATURE_ATTRIBUTES = ["vocab", "dim", "pad", "shares", "init", "len", "width"] as const;
export type FeatureAttrName = (typeof FEATURE_ATTRIBUTES)[number];

/** Which attributes each kind of feature accepts. */
export const ATTRIBUTES_OF: Record<FeatureKind, readonly FeatureAttrName[]> = {
  sparse: ["vocab", "dim", "pad", "shares", "init"],
  sequence: ["vocab", "shares", "len", "dim", "pad", "init"],
  dense: ["width"],
};

/** Attributes that a feature sharing another feature's table must not set (the table owner sets them). */
export const OWNER_ONLY_ATTRIBUTES: readonly FeatureAttrName[] = ["vocab", "init"];

export const SECTION_NAMES = ["user", "item", "score", "train"] as const;
export type SectionName = (typeof SECTION_NAMES)[number];
/** Sections whose body is a list of statements ending in `return`. */
export const TOWER_SECTIONS = ["user", "item", "score"] as const;
export type TowerSectionName = (typeof TOWER_SECTIONS)[number];
/** Sections every model must have. */
export const REQUIRED_SECTIONS: readonly SectionName[] = ["user", "item"];

/** The model-header parameter whose default names the model's features set. */
export const FEATURES_PARAM = "features";
/** Names bound inside a `score` section: the outputs of the user and item towers. */
export const SCORE_BINDINGS = ["user", "item"] as const;

// Public API of tower export: ONNX towers with trained weights baked in, model directories, tower vectors.
export { ExportError } from "./errors.js";
export { exportTower, weightsByName, featureInputs, outputName, BATCH_DIM, type ExportMeta } from "./tower.js";
export { readTowerMetadata, metadataProps, METADATA_KEYS, type TowerMeta, type TowerMetadata, type TowerSide } from "./metadata.js";
export { writeModelDir, modelJson, describeInputs, MODEL_DIR_FILES, type ModelDirContents, type ModelJsonFields, type InputDescription } from "./model-dir.js";
export { encodeWeights, readWeights, type NamedWeight } from "./weights-file.js";
export {
  computeItemEmbeddings, computeUserEmbeddings, computeEmbeddings,
  type Embeddings, type EmbeddingSource, type ColumnLike, type BatchLike,
} from "./embeddings.js";

// Public API of evaluation: full-ranking metrics, tables, JSON, charts, recommendation files.
export { evaluateRanking, EvalError, DEFAULT_KS, type RankingInput, type RankingResult, type Vectors } from "./ranking.js";
export { formatMetricsTable, metricsJson, writeMetricsJson, metricLayout, metricLabel, type ModelMetrics } from "./table.js";
export { metricsBarChart, writeMetricsChart } from "./bar-chart.js";
export { writeRecommendations, recommendationsTsv, decodeIds, formatScore, type RawIds, type TopK } from "./recommendations.js";

// Prints "N passed, N failed" from vitest's JSON report (the line CI reads).
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? ".vitest-results.json";
let report;
try {
  report = JSON.parse(readFileSync(file, "utf8"));
} catch (e) {
  console.log(`could not read the test report ${file}: ${e.message}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
const failed = report.numFailedTests ?? 0;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
const suiteErrors = (report.testResults ?? []).filter((r) => r.status === "failed" && (r.assertionResults ?? []).length === 0).length;
console.log(`${passed} passed, ${failed + suiteErrors} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed + suiteErrors > 0 ? 1 : 0);

// Prints vitest's JSON results as the plain closing line CI reads: "tests: N passed, N failed, N skipped".
import { existsSync, readFileSync } from "node:fs";

const files = process.argv.length > 2 ? process.argv.slice(2) : ["node_modules/.cache/bpftriage/test-results.json", "node_modules/.cache/bpftriage/scenario-results.json"];
const totals = { passed: 0, failed: 0, skipped: 0, total: 0 };
for (const file of files.filter((path) => existsSync(path))) {
  const results = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += results.numPassedTests;
  totals.failed += results.numFailedTests;
  totals.skipped += (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
  totals.total += results.numTotalTests;
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 || totals.total === 0 ? 1 : 0;

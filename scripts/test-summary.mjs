// Prints vitest's JSON results as the plain closing line CI reads: "tests: N passed, N failed, N skipped".
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? "node_modules/.cache/bpftriage/test-results.json";
const results = JSON.parse(readFileSync(file, "utf8"));
const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
console.log(`tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`);
process.exitCode = results.numFailedTests > 0 || results.numTotalTests === 0 ? 1 : 0;

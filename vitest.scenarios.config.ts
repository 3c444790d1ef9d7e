import { defineConfig } from "vitest/config";

// Fault scenarios load the whole machine, so they run on their own, one at a time, after the main suite.
export default defineConfig({
  test: {
    include: ["test/scenarios-e2e/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: "node_modules/.cache/bpftriage/scenario-results.json" },
  },
});

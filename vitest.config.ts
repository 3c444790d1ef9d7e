import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The fault scenarios load the whole machine: vitest.scenarios.config.ts runs them alone, after this suite.
    exclude: ["test/scenarios-e2e/**", "**/node_modules/**"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // The JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ["default", "json"],
    outputFile: { json: "node_modules/.cache/bpftriage/test-results.json" },
  },
});

import { describe, expect, it } from "vitest";
import { ParseError } from "../../src/model/errors.js";
import type { Measurement } from "../../src/model/measurement.js";
import { parseBpftraceHist } from "../../src/parsers/bpftrace-hist.js";
import { ANALYZABLE_TOOLS, ANALYZERS } from "../../src/probes/analyzers.js";
import type { ParsedOutput } from "../../src/probes/probe.js";
import { readFixture } from "../helpers/fixtures.js";
import { createRandom, mutate } from "./mutations.js";
import { peerFixtures } from "./peer-fixtures.js";

type Analyze = (text: string) => ParsedOutput;

const analyzerOf = (tool: string): Analyze => {
  if (tool === "bpftrace") return (text) => parseBpftraceHist(text, { tool: "bpftrace", banners: [] });
  const analyzer = ANALYZERS[tool];
  if (analyzer === undefined) throw new Error(`no analyzer for ${tool}`);
  return (text) => analyzer(text);
};

// Real captures of this machine plus every peer run, each with the tool it belongs to.
const CORPUS: ReadonlyArray<{ name: string; tool: string; text: string }> = [
  ...peerFixtures().map((fixture) => ({ name: `peer/${fixture.path}`, tool: fixture.tool, text: readFixture("peer", fixture.path) })),
  ...[
    ["runqlat", "cpu-bursts.txt"], ["runqlat", "per-pid.txt"], ["runqlat", "interval-timestamps.txt"], ["biolatency", "per-disk.txt"],
    ["runqslower", "prev-task.txt"], ["cpudist", "per-pid.txt"], ["cpudist", "offcpu-msecs-intervals.txt"], ["offcputime", "offcpu-mix-pid.txt"],
    ["execsnoop", "exec-loop-all-columns.txt"],
  ].map(([tool = "", file = ""]) => ({ name: `${tool}/${file}`, tool, text: readFixture(tool, file) })),
  { name: "bpftrace/hist-formats.txt", tool: "bpftrace", text: readFixture("bpftrace", "hist-formats.txt") },
  { name: "bpftrace/execsnoop-bt.txt", tool: "execsnoop", text: readFixture("bpftrace", "execsnoop-bt.txt") },
];
const DONORS = CORPUS.map((entry) => entry.text);

// Numbers a parser returned must be numbers: no NaN anywhere, counts are non-negative integers. Returns a problem or null.
const problemIn = (measurement: Measurement): string | null => {
  switch (measurement.kind) {
    case "histogram":
      for (const bucket of measurement.buckets) {
        if (Number.isNaN(bucket.low) || (bucket.high !== null && Number.isNaN(bucket.high))) return "a NaN bucket edge";
        if (!Number.isSafeInteger(bucket.count) || bucket.count < 0) return `a bucket count of ${bucket.count}`;
      }
      return null;
    case "stacks":
      return measurement.stacks.some((stack) => !Number.isFinite(stack.value)) ? "a stack value that is not a number" : null;
    case "events":
    case "series":
      return measurement.rows.some((row) => Object.values(row).some((value) => Number.isNaN(value))) ? "a NaN cell" : null;
  }
};

const ITERATIONS = 6000;

describe("fuzzing the parsers with mutated fixtures", () => {
  it(`only ever returns measurements or throws ParseError (${ITERATIONS} mutated inputs)`, () => {
    let parsed = 0;
    let rejected = 0;
    for (let seed = 1; seed <= ITERATIONS; seed++) {
      const random = createRandom(seed);
      const source = CORPUS[Math.floor(random() * CORPUS.length)];
      if (source === undefined) continue;
      let text = source.text;
      const edits = 1 + Math.floor(random() * 3);
      for (let edit = 0; edit < edits; edit++) text = mutate(text, random, DONORS);
      // One input in ten goes to another tool's analyzer.
      const tool = random() < 0.1 ? (ANALYZABLE_TOOLS[Math.floor(random() * ANALYZABLE_TOOLS.length)] ?? source.tool) : source.tool;
      try {
        const result = analyzerOf(tool)(text);
        const problem = result.measurements.map(problemIn).find((found) => found !== null);
        if (problem !== undefined) throw new Error(`seed ${seed} (${source.name} as ${tool}): returned ${problem}`);
        parsed += 1;
      } catch (error) {
        if (!(error instanceof ParseError) || error.details.line < 1) {
          throw new Error(`seed ${seed} (${source.name} as ${tool}): ${String(error)}\n--- input ---\n${text.slice(0, 2000)}`);
        }
        rejected += 1;
      }
    }
    expect(parsed + rejected).toBe(ITERATIONS);
    // Both outcomes occur: the mutations are neither all harmless nor all fatal.
    expect(parsed).toBeGreaterThan(ITERATIONS / 10);
    expect(rejected).toBeGreaterThan(ITERATIONS / 10);
  });
});

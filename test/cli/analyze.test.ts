import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fixturePath } from "../helpers/fixtures.js";

describe("bpftriage analyze", () => {
  it("prints the buckets and quantiles of a pasted histogram", () => {
    const result = runCli(["analyze", "runqlat", "-"], { input: readFileSync(fixturePath("runqlat", "cpu-bursts.txt")) });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("1024 -> 2047 : 1140");
    expect(result.stdout).toMatch(/total 8148; p50 [\d.]+, p90 [\d.]+, p99 [\d.]+/);
    expect(result.stdout).toContain("shape: multimodal");
  });

  it("prints the JSON contract object with --json", () => {
    const result = runCli(["analyze", "biolatency", fixturePath("biolatency", "per-disk.txt"), "--json"]);
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as { tool: string; flavour: string; measurements: Array<Record<string, unknown>> };
    expect(parsed.tool).toBe("biolatency");
    expect(parsed.flavour).toBe("libbpf-tools");
    const [histogram] = parsed.measurements;
    expect(histogram).toMatchObject({ kind: "histogram", labels: { disk: "vda" }, unit: "usecs", total: 202572 });
    expect((histogram?.buckets as unknown[])[5]).toEqual({ low: 32, high: 64, count: 158084 });
    const quantiles = histogram?.quantiles as Record<string, number | null>;
    // p50 falls in the 32-63 bucket, which holds the 101286th of 202572 I/Os.
    expect(quantiles.p50).toBeGreaterThanOrEqual(32);
    expect(quantiles.p50).toBeLessThan(64);
    expect(histogram?.shape).toMatchObject({ verdict: "unimodal", tail: "none" });
  });

  it.each([
    ["empty input", "", /^bpftriage: runqlat: stdin:1: expected runqlat output, received empty input\n$/],
    ["binary garbage", Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x41]), /^bpftriage: runqlat: stdin:1: expected a runqlat banner or histogram header/],
    ["a truncated row", "     usecs               : count    distribution\n         0 -> 1          : 2\n       512 -> 10", /stdin:3: expected a complete bucket row/],
  ])("gives one line and exit 3 for %s", (_name, input, message) => {
    const result = runCli(["analyze", "runqlat", "-"], { input });
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe("");
  });

  it("names the tool it does not know, with exit 3", () => {
    const result = runCli(["analyze", "nosuchtool", fixturePath("runqlat", "quiet.txt")]);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/^bpftriage: unknown tool "nosuchtool": expected one of runqlat, biolatency, runqslower(, [a-z0-9.-]+)*\n$/);
  });
});

describe("bpftriage runbooks", () => {
  it("validates the shipped runbook", () => {
    const result = runCli(["runbooks", "validate", "runbooks/triage.yaml"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('valid runbook "triage" with 8 steps');
  });
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { compareCommand } from "../../src/cli/compare.js";
import { ParseError, UsageError } from "../../src/model/errors.js";
import { fixturePath } from "../helpers/fixtures.js";

// Everything compareCommand writes to stdout during one call, with its exit code.
async function run(tool: string, a: string, b: string, json = false): Promise<{ code: number; out: string }> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await compareCommand(tool, a, b, { json });
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

interface JsonComparison {
  labels: Record<string, string>;
  verdict: string;
  intervalsA: number;
  intervalsB: number;
  tests: Array<{ name: string; pValue: number; pHolm: number }>;
  w1: number;
  phi: { estimate: number } | null;
  reasons: string[];
}

describe("compareCommand", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "bpftriage-compare-"));
  });
  afterEach(() => vi.restoreAllMocks());

  it("calls the quiet run queue and the CPU-burst one different, exit 1", async () => {
    const { code, out } = await run("runqlat", fixturePath("runqlat", "quiet.txt"), fixturePath("runqlat", "cpu-bursts.txt"));
    expect(code).toBe(1);
    expect(out.split("\n")[0]).toMatch(/^runqlat: .*quiet\.txt \(A, baseline\) vs .*cpu-bursts\.txt \(B\): different$/);
    expect(out).toMatch(/mann-whitney +z = /);
    expect(out).toMatch(/W1 = [\d.]+ log2 units/);
    expect(out).toContain("p99 ratio B/A: not estimable");
    expect(out).toMatch(/tail >= 64 usecs: A [\d.]+% \(1\), B [\d.]+% \(1938\)/);
  });

  it("calls a file the same as itself, exit 0", async () => {
    const file = fixturePath("runqlat", "cpu-bursts.txt");
    const { code, out } = await run("runqlat", file, file);
    expect(code).toBe(0);
    expect(out).toContain("(no labels): same");
    expect(out).toContain("W1 = 0 log2 units");
  });

  it("prints one JSON object, pairs disks by label and uses per-interval histograms for overdispersion", async () => {
    const { code, out } = await run("biolatency", fixturePath("biolatency", "per-disk-intervals.txt"), fixturePath("biolatency", "per-disk.txt"), true);
    const parsed = JSON.parse(out) as { tool: string; verdict: string; comparisons: JsonComparison[]; unmatched: { a: unknown[]; b: unknown[] } };
    expect(parsed.tool).toBe("biolatency");
    expect(parsed.comparisons).toHaveLength(1);
    const [pair] = parsed.comparisons;
    expect(pair).toMatchObject({ labels: { disk: "vda" }, intervalsA: 3, intervalsB: 1 });
    expect(pair?.tests.map((t) => t.name)).toEqual(["mann-whitney", "chi-square", "ks"]);
    expect(pair?.phi?.estimate).toBeGreaterThan(1);
    expect(parsed.unmatched).toEqual({ a: [], b: [] });
    expect(code).toBe({ same: 0, different: 1, inconclusive: 3 }[parsed.verdict]);
  });

  it("pairs the only histogram of each file even when their labels differ", async () => {
    // libbpf-tools biolatency -D output for one disk.
    const text = (disk: string, counts: number[]): string =>
      [`disk = ${disk}\t`, "     usecs               : count    distribution", ...counts.map((c, i) => `${String(i === 0 ? 0 : 2 ** i).padStart(10)} -> ${String(i === 0 ? 1 : 2 ** (i + 1) - 1).padEnd(10)} : ${c}`)].join("\n") + "\n";
    const a = join(dir, "a.txt");
    const b = join(dir, "b.txt");
    writeFileSync(a, text("sda", [0, 0, 10, 40, 100, 40, 10]));
    writeFileSync(b, text("sdb", [0, 0, 10, 40, 100, 40, 10]));
    const { code, out } = await run("biolatency", a, b);
    expect(out).toContain("disk=sda (A) vs disk=sdb (B): same");
    expect(code).toBe(0);
  });

  it("refuses an unknown tool, an unreadable file and a file without histograms with usage errors", async () => {
    const quiet = fixturePath("runqlat", "quiet.txt");
    await expect(run("nosuchtool", quiet, quiet)).rejects.toThrow(UsageError);
    await expect(run("nosuchtool", quiet, quiet)).rejects.toThrow('unknown tool "nosuchtool": expected one of runqlat, biolatency, runqslower');
    await expect(run("runqlat", join(dir, "missing.txt"), quiet)).rejects.toThrow(/cannot read .*missing\.txt: ENOENT/);
    const slower = fixturePath("runqslower", "plain.txt");
    await expect(run("runqslower", slower, slower)).rejects.toThrow(/expected runqslower histograms to compare, received events/);
    await expect(run("runqlat", "-", "-")).rejects.toThrow(UsageError);
  });

  it("lets a parse error of either file propagate", async () => {
    const empty = join(dir, "empty.txt");
    writeFileSync(empty, "");
    await expect(run("runqlat", fixturePath("runqlat", "quiet.txt"), empty)).rejects.toThrow(ParseError);
  });
});

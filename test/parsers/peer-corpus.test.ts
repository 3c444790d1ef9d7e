import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ANALYZERS } from "../../src/probes/analyzers.js";
import { readFixture, ROOT } from "../helpers/fixtures.js";
import { peerFixtures } from "./peer-fixtures.js";

// Runs the analyzer a user would pick for this tool.
const analyze = (tool: string, text: string, source?: string) => {
  const analyzer = ANALYZERS[tool];
  if (analyzer === undefined) throw new Error(`no analyzer for ${tool}`);
  return analyzer(text, source);
};

describe("every run copied from the peer corpus (fixtures/peer)", () => {
  const fixtures = peerFixtures();

  it("has runs of every example file of an analysed tool", () => {
    const folders = new Set(fixtures.map((fixture) => fixture.path.split("/").slice(0, 2).join("/")));
    expect([...folders].sort()).toEqual([
      "bcc/biolatency", "bcc/biosnoop", "bcc/btrfsslower", "bcc/cachestat", "bcc/cpudist", "bcc/execsnoop", "bcc/ext4dist",
      "bcc/ext4slower", "bcc/f2fsslower", "bcc/nfsslower", "bcc/offcputime", "bcc/profile", "bcc/profile-2016", "bcc/runqlat",
      "bcc/runqlen", "bcc/runqslower", "bcc/xfsdist", "bcc/xfsslower", "bcc/zfsslower",
      "bpftrace/biolatency", "bpftrace/biosnoop", "bpftrace/execsnoop", "bpftrace/runqlat", "bpftrace/runqlen", "bpftrace/xfsdist",
      "libbpf-tools/runqslower",
    ]);
    expect(fixtures.length).toBe(105);
  });

  it.each(fixtures.map((fixture) => [fixture.path, fixture.tool] as const))("%s parses as %s output, every line recognised", (path, tool) => {
    const parsed = analyze(tool, readFixture("peer", path), path);
    expect(parsed.measurements.length).toBeGreaterThan(0);
    expect(parsed.notes.filter((note) => note.kind === "unrecognised")).toEqual([]);
  });
});

// The whole upstream files, prose and usage text included; only where ../shared is checked out next to the repo.
const CORPUS = resolve(ROOT, "..", "shared", "peer-corpus");
// file, tool, measurements (counted by reading the runs: one per histogram, table, series or stack run).
const WHOLE_FILES: ReadonlyArray<readonly [string, string, number]> = [
  ["bcc/runqlat_example.txt", "runqlat", 48],
  ["bcc/biolatency_example.txt", "biolatency", 29],
  ["bcc/cpudist_example.txt", "cpudist", 18],
  ["bcc/ext4dist_example.txt", "ext4dist", 18],
  ["bcc/xfsdist_example.txt", "xfsdist", 12],
  ["bcc/runqlen_example.txt", "runqlen", 18],
  ["bcc/cachestat_example.txt", "cachestat", 3],
  ["bcc/ext4slower_example.txt", "ext4slower", 4],
  ["bcc/btrfsslower_example.txt", "btrfsslower", 4],
  ["bcc/xfsslower_example.txt", "xfsslower", 4],
  ["bcc/zfsslower_example.txt", "zfsslower", 4],
  ["bcc/nfsslower_example.txt", "nfsslower", 4],
  ["bcc/f2fsslower_example.txt", "f2fsslower", 4],
  ["bcc/execsnoop_example.txt", "execsnoop", 6],
  ["bcc/biosnoop_example.txt", "biosnoop", 2],
  ["bcc/offcputime_example.txt", "offcputime", 4],
  ["bcc/profile_example.txt", "profile", 11],
  ["bcc/old/profile_example.txt", "profile", 8],
  ["bcc/runqslower_example.txt", "runqslower", 1],
  ["bcc/libbpf-tools/runqslower_example.txt", "runqslower", 1],
  ["bpftrace/runqlat_example.txt", "runqlat", 4],
  ["bpftrace/biolatency_example.txt", "biolatency", 1],
  ["bpftrace/runqlen_example.txt", "runqlen", 1],
  ["bpftrace/xfsdist_example.txt", "xfsdist", 3],
  ["bpftrace/biosnoop_example.txt", "biosnoop", 2],
  ["bpftrace/execsnoop_example.txt", "execsnoop", 1],
];

if (!existsSync(CORPUS)) console.warn(`[skip] whole peer-corpus example files: ${CORPUS} is not beside this clone (the copied runs in fixtures/peer are still tested)`);

describe.skipIf(!existsSync(CORPUS))("whole example files in ../shared/peer-corpus, prose included", () => {
  it.each(WHOLE_FILES)("%s as %s yields %i measurements", (file, tool, count) => {
    const parsed = analyze(tool, readFileSync(join(CORPUS, file), "utf8"), file);
    expect(parsed.measurements).toHaveLength(count);
    expect(parsed.notes.some((note) => note.kind === "unrecognised")).toBe(true);
  });
});

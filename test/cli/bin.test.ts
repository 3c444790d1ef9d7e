import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/fixtures.js";

describe("the bpftriage bin", () => {
  it("is the bundled CLI, and it runs", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string>; version: string };
    expect(join(ROOT, pkg.bin.bpftriage ?? "")).toBe(CLI);
    expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    const result = runCli(["--version"]);
    expect(result).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: "" });
  });

  it("finds the runbooks and report templates next to the bundle", () => {
    const list = runCli(["runbooks", "list"]);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^triage\s+USE sweep/m);
    const analyzed = runCli(["analyze", "runqlat", "fixtures/runqlat/cpu-bursts-msecs.txt"]);
    expect(analyzed.status).toBe(0);
    expect(analyzed.stdout).toContain("0 -> 1 : 7687");
  });

  it("stops quietly when its reader closes the pipe early (| head)", async () => {
    const child = spawn(process.execPath, [CLI, "analyze", "runqlat", "fixtures/runqlat/cpu-bursts-msecs.txt"], { cwd: ROOT });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Close our end as soon as the first bytes arrive, as `head -1` would.
    child.stdout.once("data", () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    expect(stderr).toBe("");
    expect(status).toBe(0);
  });
});

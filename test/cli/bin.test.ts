import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NODE_FLAGS } from "../../src/cli/node-flags.js";
import { CLI, cliArgv, runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/fixtures.js";

describe("the bpftriage bin", () => {
  it("is the bundled CLI, and it runs", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string>; version: string };
    expect(join(ROOT, pkg.bin.bpftriage ?? "")).toBe(CLI);
    // Its shebang gives Node the options bpftriage needs (src/cli/node-flags.ts), so the bin runs as a program.
    expect(readFileSync(CLI, "utf8").split("\n")[0]).toBe("#!/usr/bin/env -S node --v8-pool-size=0");
    expect(runCli(["--version"])).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: "" });
    const direct = spawnSync(CLI, ["--version"], { encoding: "utf8" });
    expect({ status: direct.status, stdout: direct.stdout }).toEqual({ status: 0, stdout: `${pkg.version}\n` });
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
    const child = spawn(process.execPath, cliArgv(["analyze", "runqlat", "fixtures/runqlat/cpu-bursts-msecs.txt"]), { cwd: ROOT });
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

  it("loads the bundle from the code cache the build wrote, and from source when V8 rejects the cache", () => {
    // A Node process with the bin's options (V8 accepts a cache only under the flags it was made with).
    const probe = `
      import { appFiles, loadApp, readCodeCache } from "./dist/cli/code-cache.js";
      const files = appFiles(process.cwd() + "/dist/cli");
      const cached = loadApp(files.bundle, readCodeCache(files.cache));
      const garbage = loadApp(files.bundle, Buffer.from("not a code cache"));
      console.log(JSON.stringify({ cached: cached.script.cachedDataRejected, garbage: garbage.script.cachedDataRejected, startCli: typeof garbage.app.startCli }));
    `;
    const result = spawnSync(process.execPath, [...NODE_FLAGS, "--input-type=module", "-e", probe], { cwd: ROOT, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ cached: false, garbage: true, startCli: "function" });
  });
});

describe("the bpftriage process", () => {
  it("names all of its threads bpftriage, so tools never print one of them as another process (node)", async () => {
    // analyze reading stdin waits for input: the process is up and idle while its threads are read.
    const child = spawn(process.execPath, cliArgv(["analyze", "runqlat", "-"]), { cwd: ROOT, stdio: ["pipe", "ignore", "ignore"] });
    const comms = (): string[] => readdirSync(`/proc/${child.pid}/task`).map((tid) => readFileSync(`/proc/${child.pid}/task/${tid}/comm`, "utf8").trim());
    try {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && comms()[0] !== "bpftriage") await new Promise((resolve) => setTimeout(resolve, 50));
      const names = comms();
      expect(names.length).toBeGreaterThan(1);
      expect(new Set(names)).toEqual(new Set(["bpftriage"]));
    } finally {
      child.stdin.end();
      await new Promise((resolve) => child.on("close", resolve));
    }
  });
});

// Runs the built CLI (the bundled bin dist/cli/bpftriage.mjs, made by `npm run build` before the tests) as a user would.

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { NODE_FLAGS } from "../../src/cli/node-flags.js";
import { ROOT } from "./fixtures.js";

export const CLI = join(ROOT, "dist", "cli", "bpftriage.mjs");

// Node's arguments for `bpftriage ARGS` under this Node (process.execPath), with the options the bin's shebang gives.
export const cliArgv = (args: readonly string[]): string[] => [...NODE_FLAGS, CLI, ...args];

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

// Runs `bpftriage ARGS` with optional stdin; never throws on a non-zero exit.
export const runCli = (args: string[], options: { input?: string | Buffer; timeoutMs?: number } = {}): CliResult => {
  const result = spawnSync(process.execPath, cliArgv(args), {
    cwd: ROOT,
    input: options.input ?? "",
    encoding: "utf8",
    timeout: options.timeoutMs ?? 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

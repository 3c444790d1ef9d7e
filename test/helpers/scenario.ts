// Runs a fault scenario from test/scenarios/ around a piece of work: waits for its `ready:` line, always stops it.

import { spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./fixtures.js";

export const SCENARIOS = ["cpu-neighbour", "slow-device", "cache-thrash", "lock-contention", "exec-storm", "healthy"] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

// Starts the scenario, runs `work` once the fault is in effect, then stops the scenario with SIGINT and waits for its cleanup.
export const withScenario = async <T>(name: ScenarioName, seconds: number, work: (ready: string) => Promise<T>, readyTimeoutMs = 120_000): Promise<T> => {
  const child = spawn("bash", [join(ROOT, "test", "scenarios", `${name}.sh`), String(seconds)], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  try {
    const ready = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      const timer = setTimeout(() => reject(new Error(`${name}: no ready line within ${readyTimeoutMs} ms; stderr: ${stderr.slice(-500)}`)), readyTimeoutMs);
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.split("\n").find((candidate) => candidate.startsWith("ready:"));
        if (line !== undefined) {
          clearTimeout(timer);
          resolve(line);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited with ${code} before it was ready; stderr: ${stderr.slice(-500)}`));
      });
    });
    return await work(ready);
  } finally {
    if (child.exitCode === null) child.kill("SIGINT");
    await exited;
  }
};

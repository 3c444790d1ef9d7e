// Records a `bpftriage run --record` bundle per fault scenario into fixtures/bundles/<name>, and keeps the
// report it wrote as reports/examples/<name>.md (needs root and BPF).
// Usage: node --import tsx scripts/record-scenarios.ts [NAME ...]
import { spawnSync } from "node:child_process";
import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliArgv } from "../test/helpers/cli.js";
import { ROOT } from "../test/helpers/fixtures.js";
import { SCENARIOS, type ScenarioName, withScenario } from "../test/helpers/scenario.js";

const names = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : [...SCENARIOS]) as ScenarioName[];
for (const name of names) {
  const dir = join(ROOT, "fixtures", "bundles", name);
  rmSync(dir, { recursive: true, force: true });
  const summary = await withScenario(name, 120, async (ready) => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const out = mkdtempSync(join(tmpdir(), "bpftriage-example-"));
    // stderr straight to ours: a captured pipe would wake this recorder at every progress line, and runqslower
    // then recorded it ("node") among the threads that waited for a CPU.
    const run = spawnSync(process.execPath, cliArgv(["run", "--json", "--record", dir, "--out", out]), { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const report = JSON.parse(run.stdout) as { answer: string; path: string[]; durationMs: number; report: string };
    renameSync(report.report, join(ROOT, "reports", "examples", `${name}.md`));
    rmSync(out, { recursive: true, force: true });
    return `${ready}\n  exit ${run.status}, ${report.durationMs} ms, path ${report.path.join(" -> ")}\n  ${report.answer}`;
  });
  console.log(`${name}: ${summary}`);
}

// Time to diagnosis on real injected faults: bpftriage's triage runbook against the fixed checklist (five core
// probes for 10 s each), per scenario, with the observer's share of the machine. Prints markdown; needs root.
// Usage: npm run bench:diagnose [-- --out docs/benchmarks.md]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, release, tmpdir } from "node:os";
import { join } from "node:path";
import { childrenCpuMs } from "../src/exec/cpu-accounting.js";
import { runProbe } from "../src/probes/run-probe.js";
import type { Report } from "../src/model/report.js";
import { cliArgv } from "../test/helpers/cli.js";
import { type ScenarioName, withScenario } from "../test/helpers/scenario.js";

const EXPECTED: ReadonlyArray<readonly [ScenarioName, string | null]> = [
  ["cpu-neighbour", "cpu-contention"],
  ["slow-device", "slow-device"],
  ["cache-thrash", "cache-thrash"],
  ["lock-contention", "off-cpu-blocking"],
  ["exec-storm", "process-churn"],
  ["healthy", null],
];

interface Measured {
  wallMs: number;
  correct: boolean;
  top: string;
  // The CLI process's whole CPU (start-up, run, rendering, exit) plus its tools', as this bench's reaped children.
  cpuMs: number;
  toolsCpuMs: number;
  bpfMs: number | null;
  observerShare: number;
}

// Runs the CLI once and reads its report; the wall time is start to exit, the CPU is the CLI's and its tools' whole
// cost from our own children accounting (not the report's figure, which leaves out rendering and printing).
const runOnce = (runbook: string, expected: string | null, out: string): Measured => {
  const started = performance.now();
  const cpuBefore = childrenCpuMs();
  // stderr (progress lines) goes straight to ours: a captured pipe would wake this process at every line, and on the
  // cpu-neighbour box runqslower then listed the bench ("node") among the threads kept waiting.
  const run = spawnSync(process.execPath, cliArgv(["run", "--json", "--runbook", runbook, "--out", out]), { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const wallMs = performance.now() - started;
  const cpuMs = childrenCpuMs() - cpuBefore;
  let report: Report;
  try {
    report = JSON.parse(run.stdout) as Report;
  } catch (error) {
    throw new Error(`bpftriage run --runbook ${runbook}: expected a JSON report on stdout, received ${run.stdout.length} characters (exit ${run.status}, signal ${run.signal}; its stderr is above)`, { cause: error });
  }
  const top = report.rootCauses[0]?.id ?? report.verdict;
  const correct = expected === null ? report.verdict === "healthy" : top === expected;
  const bpfMs = report.overhead.bpfRunTimeMs;
  const observerShare = (cpuMs + (bpfMs ?? 0)) / (wallMs * cpus().length);
  return { wallMs, correct, top, cpuMs, toolsCpuMs: report.overhead.toolsCpuMs, bpfMs, observerShare };
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

// CPU of one command run to its end, as this bench's reaped children (the median of `times` runs).
const commandCpuMs = (file: string, args: string[], times = 5): number =>
  median(
    Array.from({ length: times }, () => {
      const before = childrenCpuMs();
      spawnSync(file, args, { stdio: "ignore" });
      return childrenCpuMs() - before;
    }),
  );

// The costs every triage pays whatever it finds, on the quiet box: Node's own start, bpftriage's start, and each
// probe's tool traced for 1 s as a triage runs it (its flavour on this box), most of which is the tool's start-up.
const fixedCosts = async (): Promise<string[]> => {
  const lines = [
    `| \`node -e 0\` | ${Math.round(commandCpuMs(process.execPath, ["-e", "0"]))} ms |  |`,
    `| \`bpftriage --version\` | ${Math.round(commandCpuMs(process.execPath, cliArgv(["--version"])))} ms | Node, loading the CLI |`,
  ];
  for (const probe of ["runqlat", "runqslower", "biolatency", "cachestat", "fsslower", "offcputime", "execsnoop"]) {
    const step = await runProbe({ stepId: probe, probe, params: { durationSec: 1 }, detectors: [] }, { remainingMs: 60_000, signal: new AbortController().signal });
    lines.push(`| ${probe}, 1 s | ${step.overhead?.toolCpuMs ?? "-"} ms | ${step.flavour ?? "-"}, ${step.status}${step.status === "ok" ? "" : `: ${step.reason ?? ""}`} |`);
  }
  return lines;
};

const fixed = await fixedCosts();
// BENCH_REPORTS=DIR keeps every run's markdown report there, to see why a run was diagnosed as it was.
const out = process.env.BENCH_REPORTS ?? mkdtempSync(join(tmpdir(), "bpftriage-bench-"));
const rows: string[] = [];
const triageTimes: number[] = [];
const fixedTimes: number[] = [];
const shares: number[] = [];
const started = new Date();
// BENCH_SCENARIOS=a,b runs only those scenarios (to rerun one); the committed figures come from a full run.
const only = process.env.BENCH_SCENARIOS?.split(",");
for (const [scenario, expected] of EXPECTED.filter(([name]) => only === undefined || only.includes(name))) {
  const [triage, fixed] = await withScenario(scenario, 240, async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    return [runOnce("triage", expected, out), runOnce("fixed-checklist", expected, out)] as const;
  });
  triageTimes.push(triage.wallMs);
  fixedTimes.push(fixed.wallMs);
  shares.push(triage.observerShare);
  rows.push(
    `| ${scenario} | ${expected ?? "healthy"} | ${seconds(triage.wallMs)} s | ${triage.correct ? "yes" : `no (${triage.top})`} | ${Math.round(triage.cpuMs)} ms (tools ${triage.toolsCpuMs} ms) | ${triage.bpfMs ?? "-"} ms | ${(triage.observerShare * 100).toFixed(2)}% | ${seconds(fixed.wallMs)} s | ${fixed.correct ? "yes" : `no (${fixed.top})`} | ${(fixed.wallMs / triage.wallMs).toFixed(1)}x |`,
  );
  console.error(`${scenario}: triage ${seconds(triage.wallMs)} s (${triage.top}), fixed ${seconds(fixed.wallMs)} s (${fixed.top})`);
}
if (process.env.BENCH_REPORTS === undefined) rmSync(out, { recursive: true, force: true });
const speedup = median(fixedTimes) / median(triageTimes);
const text = `# Time to diagnosis (npm run bench:diagnose)

Measured ${started.toISOString()} on this project's VM: kernel ${release()}, ${cpus().length} vCPUs, libbpf-tools 0.26,
bpftrace 0.17. Each scenario from test/scenarios/ is started, and once it reports \`ready\` (plus 1.5 s) bpftriage
runs the default \`triage\` runbook, then the \`fixed-checklist\` runbook (runqlat, biolatency, cachestat, fsslower
and offcputime for 10 s each, one after another) under the same fault. Wall time is from starting the CLI to its
exit, after the report. CPU is the CLI process's whole CPU time (Node's start-up, loading the CLI, the run, rendering
and printing the report) plus its tools', from the bench's own accounting of its reaped children; the tools' part
is the report's \`overhead.toolsCpuMs\`. Observer share is that CPU plus the BPF programs' run time
(kernel.bpf_stats_enabled), over the machine's capacity (all CPUs) for the wall time.

| scenario | expected | triage: time to report | correct | CPU (bpftriage and tools) | BPF run time | observer share | fixed checklist: time | correct | fixed / triage |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

- Median time to a correct diagnosis (triage): ${seconds(median(triageTimes))} s (target <= 20 s).
- Median fixed checklist: ${seconds(median(fixedTimes))} s; triage is ${speedup.toFixed(1)}x faster (target >= 2.5x).
- Observer share of the machine (triage): median ${(median(shares) * 100).toFixed(2)}%, max ${(Math.max(...shares) * 100).toFixed(2)}% (target <= 1%).

## Fixed costs on this box

CPU of what every run pays, measured on the quiet box before the scenarios (medians of 5 runs for the commands; one
run of each probe, traced for 1 s as a triage runs it, with the flavour this box uses):

| what | CPU | note |
| --- | --- | --- |
${fixed.join("\n")}
`;
const target = process.argv.indexOf("--out");
if (target !== -1 && process.argv[target + 1]) writeFileSync(process.argv[target + 1] as string, text);
console.log(text);

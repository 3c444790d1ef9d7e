// Benchmark (not a test): time to analyse a generated 100,000-stack offcputime dump and a 1,000-histogram runqlat
// interval log, next to `wc -l` on the same files in the same run. Run with `node --import tsx bench/parse.ts`.
// "parse" is reading the file and parsing it; "full" adds what `bpftriage analyze` does next: quantiles and shape
// (describeHistogram) for every histogram, the top-stacks text for stacks. Each figure is the median of RUNS runs
// (FULL_RUNS for "full", whose shape tests take seconds).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildMeasurementText } from "../src/cli/measurement-text.js";
import { describeHistogram } from "../src/detectors/describe-histogram.js";
import type { Measurement } from "../src/model/measurement.js";
import { ANALYZERS } from "../src/probes/analyzers.js";
import { createRng } from "../src/stats/index.js";

const STACKS = 100_000;
const HISTOGRAMS = 1_000;
const RUNS = 5;
const FULL_RUNS = 3;

const SYMBOLS = [
  "__schedule", "schedule", "schedule_timeout", "io_schedule", "do_nanosleep", "hrtimer_nanosleep", "futex_wait_queue",
  "futex_wait", "do_futex", "__x64_sys_futex", "do_syscall_64", "entry_SYSCALL_64_after_hwframe", "ext4_sync_file",
  "do_fsync", "__x64_sys_fsync", "pipe_read", "vfs_read", "ksys_read", "__x64_sys_read", "do_select", "core_sys_select",
  "pthread_cond_wait@@GLIBC_2.3.2", "std::condition_variable::wait(std::unique_lock<std::mutex>&)", "Worker::run()",
  "[unknown]", "start_thread", "clone3", "epoll_wait", "do_epoll_wait", "__x64_sys_epoll_wait",
];
const COMMS = ["postgres", "java", "node", "nginx", "kworker/u8:2", "rs:main Q:Reg", "sshd", "containerd"];

// A libbpf-tools offcputime dump: frames indented 4, `- comm (pid)`, the total indented 8, an empty line.
const offcputimeDump = (stacks: number): string => {
  const rng = createRng(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng.uniform() * items.length)] as T;
  const parts: string[] = [];
  for (let i = 0; i < stacks; i++) {
    const depth = 4 + Math.floor(rng.uniform() * 16);
    for (let f = 0; f < depth; f++) parts.push(`    ${pick(SYMBOLS)}\n`);
    parts.push(`    -                ${pick(COMMS)} (${1000 + Math.floor(rng.uniform() * 60000)})\n`);
    parts.push(`        ${1 + Math.floor(rng.uniform() * 5_000_000)}\n\n`);
  }
  return parts.join("");
};

// A libbpf-tools `runqlat -T 1 N` log: per interval an empty line, HH:MM:SS and a bimodal usecs histogram.
const runqlatLog = (histograms: number): string => {
  const rng = createRng(11);
  const parts = ["Tracing run queue latency... Hit Ctrl-C to end.\n"];
  for (let h = 0; h < histograms; h++) {
    const second = 3600 * 4 + h;
    const stamp = [Math.floor(second / 3600), Math.floor(second / 60) % 60, second % 60].map((n) => String(n).padStart(2, "0")).join(":");
    parts.push(`\n${stamp}\n     usecs               : count    distribution\n`);
    const counts = Array.from({ length: 16 }, (_, j) => {
      const main = 3000 * Math.exp(-((j - 3) ** 2) / 2);
      const second = 400 * Math.exp(-((j - 11) ** 2) / 1.5);
      return Math.round((main + second) * (0.8 + 0.4 * rng.uniform()));
    });
    const max = Math.max(...counts);
    counts.forEach((count, j) => {
      const low = j === 0 ? 0 : 2 ** j;
      const high = 2 ** (j + 1) - 1;
      const stars = "*".repeat(Math.floor((40 * count) / max)).padEnd(40);
      parts.push(`${String(low).padStart(10)} -> ${String(high).padEnd(10)} : ${String(count).padEnd(8)} |${stars}|\n`);
    });
  }
  return parts.join("");
};

// Median wall time in milliseconds of `runs` calls.
const time = (run: () => void, runs = RUNS): number => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
};

// Parses a file with one tool's analyzer, reading it as `bpftriage analyze` does: as bytes, decoded (or not) by
// the analyzer.
const parseFile = (tool: string, file: string): Measurement[] => {
  const analyzer = ANALYZERS[tool];
  if (analyzer === undefined) throw new Error(`no analyzer for ${tool}`);
  return analyzer(readFileSync(file), file).measurements;
};

const dir = mkdtempSync(join(tmpdir(), "bpftriage-bench-"));
try {
  const stacksFile = join(dir, "offcputime-100k.txt");
  const histFile = join(dir, "runqlat-1000-intervals.txt");
  writeFileSync(stacksFile, offcputimeDump(STACKS));
  writeFileSync(histFile, runqlatLog(HISTOGRAMS));

  const cases = [
    {
      name: `offcputime, ${STACKS.toLocaleString("en")} stacks`,
      file: stacksFile,
      parse: () => parseFile("offcputime", stacksFile),
      full: () => parseFile("offcputime", stacksFile).map(buildMeasurementText),
    },
    {
      name: `runqlat -T, ${HISTOGRAMS.toLocaleString("en")} histograms`,
      file: histFile,
      parse: () => parseFile("runqlat", histFile),
      full: () => parseFile("runqlat", histFile).map((m) => (m.kind === "histogram" ? describeHistogram(m) : m)),
    },
  ];

  const rows = cases.map((c) => {
    const lines = Number(spawnSync("wc", ["-l", c.file], { encoding: "utf8" }).stdout.trim().split(/\s+/)[0]);
    const wc = time(() => spawnSync("wc", ["-l", c.file]));
    const parse = time(() => c.parse());
    const full = time(() => c.full(), FULL_RUNS);
    return { name: c.name, lines, mb: statSync(c.file).size / 1e6, wc, parse, full };
  });

  const header = ["input", "lines", "MB", "wc -l ms", "parse ms", "x wc", "full ms", "x wc"];
  const table = rows.map((r) => [r.name, r.lines.toLocaleString("en"), r.mb.toFixed(1), r.wc.toFixed(1), r.parse.toFixed(1), (r.parse / r.wc).toFixed(1), r.full.toFixed(1), (r.full / r.wc).toFixed(1)]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
  console.log(`median of ${RUNS} runs (full: ${FULL_RUNS}); wc -l is timed as a child process (fork + exec included), parse and full in-process`);
  console.log(line(header));
  for (const row of table) console.log(line(row));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

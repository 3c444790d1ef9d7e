// `npm run calibrate`: runs the calibration grids of STATS.md §5 on worker threads, prints the tables and writes
// docs/calibration.md. Options: --workers N (default 1), --scale F (draws x F, for quick looks), --seed S (default 1),
// --out PATH (default docs/calibration.md), --no-write, --only KIND[,KIND] (null, alternative, island,
// compare-null, compare-drift).
import { writeFileSync } from "node:fs";
import { cpus, release, totalmem } from "node:os";
import { aggregate } from "./calibration/aggregate.js";
import { buildCells, FULL_BUDGET, type Budget, type Cell } from "./calibration/cells.js";
import { NOTES } from "./calibration/notes.js";
import { runPool, type Job } from "./calibration/pool.js";
import { buildReport } from "./calibration/report.js";

interface Args {
  workers: number;
  scale: number;
  seed: number;
  out: string | null;
  only: Set<Cell["kind"]> | null;
}

// Draws per job by kind: small enough to balance two workers, large enough to amortise the messages.
const CHUNK: Record<Cell["kind"], number> = { null: 250, alternative: 50, island: 250, "compare-null": 100, "compare-drift": 50 };
// Rough milliseconds per draw, to schedule the longest jobs first.
const COST: Record<Cell["kind"], number> = { null: 0.5, alternative: 3, island: 1.5, "compare-null": 2, "compare-drift": 6 };

// Parse the command line; unknown flags are errors that say what was expected.
function parseArgs(argv: readonly string[]): Args {
  const args: Args = { workers: 1, scale: 1, seed: 1, out: "docs/calibration.md", only: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    // The numeric value of the current flag.
    const number = (): number => {
      const parsed = Number(value);
      if (value === undefined || !Number.isFinite(parsed) || parsed <= 0) throw new Error(`calibrate: expected a positive number after ${flag}, received ${value ?? "nothing"}`);
      i += 1;
      return parsed;
    };
    if (flag === "--workers") args.workers = Math.round(number());
    else if (flag === "--scale") args.scale = number();
    else if (flag === "--seed") args.seed = Math.round(number());
    else if (flag === "--no-write") args.out = null;
    else if (flag === "--out" && value !== undefined) {
      args.out = value;
      i += 1;
    } else if (flag === "--only" && value !== undefined) {
      args.only = kindsOf(value);
      i += 1;
    } else throw new Error(`calibrate: expected --workers N, --scale F, --seed S, --out PATH, --no-write or --only KINDS, received ${flag}`);
  }
  return args;
}

// The budget scaled for a quick look (at least 10 draws a cell).
function scaled(budget: Budget, scale: number): Budget {
  // Draws of one kind after scaling.
  const draws = (full: number): number => Math.max(10, Math.round(full * scale));
  return {
    nullDraws: draws(budget.nullDraws),
    altDraws: draws(budget.altDraws),
    anchorDraws: draws(budget.anchorDraws),
    islandDraws: draws(budget.islandDraws),
    compareDraws: draws(budget.compareDraws),
    driftDraws: draws(budget.driftDraws),
  };
}

// The cell kinds named by --only, checked against the known ones.
function kindsOf(list: string): Set<Cell["kind"]> {
  const known = Object.keys(CHUNK) as Array<Cell["kind"]>;
  const kinds = list.split(",").map((name) => {
    const kind = known.find((k) => k === name);
    if (kind === undefined) throw new Error(`calibrate: expected --only with kinds from ${known.join(", ")}, received ${name}`);
    return kind;
  });
  return new Set(kinds);
}

// Split every cell into jobs and order them longest first.
function jobsOf(cells: readonly Cell[], seed: number): Job[] {
  const jobs: Job[] = [];
  for (const cell of cells) {
    const chunk = CHUNK[cell.kind];
    for (let from = 0; from < cell.draws; from += chunk) jobs.push({ cell, from, count: Math.min(chunk, cell.draws - from), seed });
  }
  // Estimated milliseconds of a job.
  const cost = (job: Job): number => job.count * COST[job.cell.kind] * (job.cell.kind === "null" && job.cell.n >= 1e5 ? 2 : 1);
  return jobs.sort((a, b) => cost(b) - cost(a));
}

// The provenance header of docs/calibration.md.
function header(args: Args, budget: Budget, commandLine: string): string {
  const cpu = cpus();
  return [
    "# Calibration of the shape statistics (STATS.md §5)",
    `Produced by \`${commandLine}\` on ${new Date().toISOString()} (UTC).`,
    `Machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}; ${args.workers} worker thread(s).`,
    `Seeds: base seed ${args.seed}; draw i of a cell uses the seed derived from (base seed, cell id, i) in scripts/calibration/seeds.ts, so the figures do not depend on the number of workers. Each analysis uses the production bootstrap (default seed, B = 199 extended to 999 when p < 0.05).`,
    `Draws per cell: null grid ${budget.nullDraws} (every n, including 1e6), alternatives ${budget.altDraws}, regression anchors ${budget.anchorDraws}, islands ${budget.islandDraws}, comparison nulls ${budget.compareDraws}, drift ${budget.driftDraws}. Chosen so the whole run stays well under 30 minutes on 2 cores.`,
  ].join("\n\n");
}

// Run the grid, print the tables and write the document.
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const budget = scaled(FULL_BUDGET, args.scale);
  const cells = buildCells(budget).filter((cell) => args.only === null || args.only.has(cell.kind));
  const jobs = jobsOf(cells, args.seed);
  const started = performance.now();
  let lastShown = 0;
  const tallies = await runPool(jobs, args.workers, (_tally, done) => {
    const share = Math.floor((10 * done) / jobs.length);
    if (share > lastShown) {
      lastShown = share;
      process.stderr.write(`calibrate: ${done}/${jobs.length} jobs, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    }
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const report = buildReport(aggregate(cells, tallies), wallSeconds);
  const extra = process.argv.slice(2);
  const commandLine = extra.length === 0 ? "npm run calibrate" : `npm run calibrate -- ${extra.join(" ")}`;
  const document = [header(args, budget, commandLine), report.markdown, NOTES].join("\n\n") + "\n";
  process.stdout.write(`${report.markdown}\n`);
  if (args.out !== null) {
    writeFileSync(args.out, document);
    process.stderr.write(`calibrate: wrote ${args.out}\n`);
  }
  const failed = report.verdicts.filter((v) => !v.pass).length;
  process.stderr.write(`calibrate: ${report.verdicts.length - failed} PASS, ${failed} FAIL, wall time ${(wallSeconds / 60).toFixed(1)} min\n`);
}

await main();

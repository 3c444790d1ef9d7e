// Lists loaded BPF program ids with bpftool, and the ones a process holds, to prove a run leaves nothing behind.

import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

// Ids of every BPF program loaded right now.
export const loadedProgramIds = (): Set<number> => {
  const out = execFileSync("bpftool", ["prog", "show", "--json"], { encoding: "utf8" });
  const programs = JSON.parse(out) as Array<{ id: number }>;
  return new Set(programs.map((program) => program.id));
};

// Ids in `later` that were not in `earlier`.
export const newIds = (earlier: Set<number>, later: Set<number>): number[] => [...later].filter((id) => !earlier.has(id));

// Ids of the BPF programs a process holds open (its fds and links, from /proc/PID/fdinfo), so a test can tell its
// own tool's programs from those of tests running beside it.
export const programIdsHeldBy = (pid: number): number[] => {
  const ids = new Set<number>();
  let fds: string[] = [];
  try {
    fds = readdirSync(`/proc/${pid}/fdinfo`);
  } catch {
    return [];
  }
  for (const fd of fds) {
    try {
      const id = /^prog_id:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, "utf8"))?.[1];
      if (id !== undefined) ids.add(Number(id));
    } catch {
      continue;
    }
  }
  return [...ids];
};

// Pids of this process's children running the command `comm` (as /proc/PID/stat names it, cut to 15 characters).
export const childPidsNamed = (comm: string): number[] =>
  readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return name === comm.slice(0, 15) && ppid === process.pid;
      } catch {
        return false;
      }
    })
    .map(Number);

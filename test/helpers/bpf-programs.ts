// Lists loaded BPF program ids with bpftool, to prove a run leaves nothing behind.

import { execFileSync } from "node:child_process";

// Ids of every BPF program loaded right now.
export const loadedProgramIds = (): Set<number> => {
  const out = execFileSync("bpftool", ["prog", "show", "--json"], { encoding: "utf8" });
  const programs = JSON.parse(out) as Array<{ id: number }>;
  return new Set(programs.map((program) => program.id));
};

// Ids in `later` that were not in `earlier`.
export const newIds = (earlier: Set<number>, later: Set<number>): number[] => [...later].filter((id) => !earlier.has(id));

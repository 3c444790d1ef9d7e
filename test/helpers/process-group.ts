// Whether a tool's process group still has live members, from /proc: tests check that a stopped tool left nothing.

import { readdirSync, readFileSync } from "node:fs";
import { splitProcStat } from "../../src/exec/process-cpu.js";

// Live (non-zombie) members of a process group; zombies wait for a reaper and hold nothing.
export const groupMembers = (pgid: number, procRoot = "/proc"): number[] => {
  const members: number[] = [];
  for (const entry of readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = splitProcStat(readFileSync(`${procRoot}/${entry}/stat`, "utf8"))?.fields;
      if (fields && fields[0] !== "Z" && Number(fields[2]) === pgid) members.push(Number(entry));
    } catch {
      continue;
    }
  }
  return members;
};

// True while any process of the group is alive.
export const groupAlive = (pgid: number): boolean => groupMembers(pgid).length > 0;

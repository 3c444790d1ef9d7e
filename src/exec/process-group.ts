// Stops a tool together with everything it started: tools run in their own process group.

import { readdirSync, readFileSync } from "node:fs";
import { splitProcStat } from "./process-cpu.js";

// Groups of tools still running, so an abrupt exit of bpftriage can still stop them.
const liveGroups = new Set<number>();
let exitHookInstalled = false;

// Sends a signal to every process of a group; false when the group is already gone.
export const signalGroup = (pgid: number, signal: NodeJS.Signals): boolean => {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
};

// Live (non-zombie) members of a process group, from /proc; zombies wait for a reaper and hold nothing.
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

// Tracks a group until it is released; on process exit every tracked group gets SIGKILL.
export const trackGroup = (pgid: number): void => {
  liveGroups.add(pgid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const group of liveGroups) signalGroup(group, "SIGKILL");
    });
  }
};

// Forgets a group whose members have all exited.
export const releaseGroup = (pgid: number): void => {
  liveGroups.delete(pgid);
};

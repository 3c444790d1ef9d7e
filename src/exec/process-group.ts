// Stops a tool together with everything it started: tools run in their own process group.

// Groups of tools still running, so an abrupt exit of bpftriage can still stop them.
const liveGroups = new Set<number>();
let exitHookInstalled = false;

// Sends a signal to every process of a group; false when the group is already gone (kill(2) says ESRCH when no
// member is left, so this is also the cheapest check: no scan of /proc).
export const signalGroup = (pgid: number, signal: NodeJS.Signals): boolean => {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
};

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

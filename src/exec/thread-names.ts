// Names every thread of this process, as process.title names only the main thread.

import { readdirSync, writeFileSync } from "node:fs";

// Node's threads started before process.title (libuv, the platform's task runner) keep the comm "node", and tools
// print them by comm: runqslower then listed "node" among the victims of a cpu-contention, which was our own
// process. Threads started later inherit the main thread's name. Off Linux (no /proc) this does nothing.
export const nameOwnThreads = (name: string, taskDir = "/proc/self/task"): void => {
  let tids: string[];
  try {
    tids = readdirSync(taskDir);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      writeFileSync(`${taskDir}/${tid}/comm`, name.slice(0, 15));
    } catch {
      // A thread that ended meanwhile has nothing to rename.
    }
  }
};

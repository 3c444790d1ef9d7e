// Decides whether live BPF tests can run here, and says why not when they cannot (never a silent skip).

import { checkKernelBtf, checkPrivileges, resolveExecutable } from "../../src/exec/preflight.js";

// The reason live tests must be skipped on this machine, or undefined when they can run.
export const liveSkipReason = (tools: readonly string[]): string | undefined => {
  if (process.platform !== "linux") return `not Linux (${process.platform})`;
  const privileges = checkPrivileges();
  if (!privileges.ok) return privileges.reason;
  const btf = checkKernelBtf();
  if (!btf.ok) return btf.reason;
  const missing = tools.filter((tool) => resolveExecutable(tool) === undefined);
  if (missing.length > 0) return `missing tools: ${missing.join(", ")} (apt-get install libbpf-tools)`;
  return undefined;
};

// Prints the skip reason once so a skipped live suite is visible in the test output.
export const announceSkip = (suite: string, reason: string | undefined): void => {
  if (reason !== undefined) console.warn(`[skip] ${suite}: ${reason}`);
};

// Writes small shell scripts that stand in for tracing tools: crash, hang, garbage, silence.

import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Creates a temp folder of fake tools; each entry is the script body after the shebang (given the folder, when a function).
export const makeFakeTools = (scripts: Record<string, string> | ((dir: string) => Record<string, string>), mode = 0o755): string => {
  const dir = mkdtempSync(join(tmpdir(), "bpftriage-fake-tools-"));
  for (const [name, body] of Object.entries(typeof scripts === "function" ? scripts(dir) : scripts)) {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, mode);
  }
  return dir;
};

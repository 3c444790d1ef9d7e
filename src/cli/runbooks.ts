// `bpftriage runbooks [list | show NAME | validate PATH]`.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../model/errors.js";
import { loadRunbook, parseRunbook, RUNBOOK_DIR, resolveRunbookPath } from "../runbook/load.js";

// Lists the shipped runbooks with their summaries.
export const listRunbooks = (): number => {
  const names = readdirSync(RUNBOOK_DIR).filter((name) => name.endsWith(".yaml"));
  for (const name of names) {
    const { runbook } = loadRunbook(join(RUNBOOK_DIR, name));
    process.stdout.write(`${runbook.id.padEnd(12)} ${runbook.summary}\n`);
  }
  return 0;
};

// Prints a runbook's text.
export const showRunbook = (name: string): number => {
  const { file } = loadRunbook(name);
  process.stdout.write(readFileSync(file, "utf8"));
  return 0;
};

// Validates a runbook file and prints every problem as file:line:column; exit 3 when invalid.
export const validateRunbook = (path: string): number => {
  const file = resolveRunbookPath(path);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new UsageError(`cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`);
  }
  const result = parseRunbook(text, file);
  if (result.ok) {
    process.stdout.write(`${file}: valid runbook "${result.runbook.id}" with ${result.runbook.steps.length} steps\n`);
    return 0;
  }
  for (const problem of result.problems) process.stderr.write(`${problem.file}:${problem.line}:${problem.column}: ${problem.message}\n`);
  return 3;
};

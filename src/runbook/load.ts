// Loads a runbook file: YAML with positions, schema validation, cross checks, and the ownership rule for root.

import { readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isNode, LineCounter, parseDocument } from "yaml";
import { RunbookError } from "../model/errors.js";
import { checkRunbook, type RunbookProblem } from "./check.js";
import { resolveParameters } from "./parameters.js";
import { type Runbook, runbookSchema } from "./schema.js";

export interface LocatedProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type LoadResult = { ok: true; runbook: Runbook; file: string } | { ok: false; file: string; problems: LocatedProblem[] };

// The runbooks/ folder shipped with the package (two levels above src/runbook or dist/runbook).
export const RUNBOOK_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "runbooks");

// Resolves a runbook argument: a path when it has a slash or .yaml suffix, else a name in runbooks/.
export const resolveRunbookPath = (nameOrPath: string): string =>
  nameOrPath.includes("/") || /\.ya?ml$/.test(nameOrPath) ? resolve(nameOrPath) : join(RUNBOOK_DIR, `${nameOrPath}.yaml`);

// Like sshd: as root, only trust files that root owns and nobody else may write.
export const checkFileTrust = (file: string, uid = process.getuid?.() ?? -1): string | undefined => {
  if (uid !== 0) return undefined;
  const stats = statSync(file);
  if (stats.uid !== 0) return `refusing ${file}: running as root, and the file is owned by uid ${stats.uid}, not root`;
  if ((stats.mode & 0o022) !== 0) return `refusing ${file}: running as root, and the file is group- or world-writable (mode ${(stats.mode & 0o777).toString(8)})`;
  return undefined;
};

// Parses and validates runbook text (with parameter overrides); every problem comes back with file:line:column.
export const parseRunbook = (text: string, file: string, overrides: Readonly<Record<string, string>> = {}): LoadResult => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number, message: string): LocatedProblem => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, message };
  };
  if (doc.errors.length > 0) {
    return { ok: false, file, problems: doc.errors.map((error) => at(error.pos[0], `YAML: ${error.message.split("\n")[0]}`)) };
  }
  // Points at the deepest node that exists along the path of a problem.
  const locate = (problem: RunbookProblem): LocatedProblem => {
    for (let depth = problem.path.length; depth > 0; depth -= 1) {
      const node = doc.getIn(problem.path.slice(0, depth), true);
      if (isNode(node) && node.range) return at(node.range[0], `${problem.path.join(".")}: ${problem.message}`);
    }
    return at(0, problem.message);
  };
  const resolved = resolveParameters(doc.toJS(), overrides);
  if (!resolved.ok) return { ok: false, file, problems: resolved.problems.map(locate) };
  const parsed = runbookSchema.safeParse(resolved.value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      locate({ path: issue.path.filter((key): key is string | number => typeof key !== "symbol"), message: issue.message }),
    );
    return { ok: false, file, problems };
  }
  const problems = checkRunbook(parsed.data).map(locate);
  return problems.length > 0 ? { ok: false, file, problems } : { ok: true, runbook: parsed.data, file };
};

// Reads, trusts and validates a runbook; throws RunbookError listing every problem.
export const loadRunbook = (nameOrPath: string, overrides: Readonly<Record<string, string>> = {}): { runbook: Runbook; file: string } => {
  const file = resolveRunbookPath(nameOrPath);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new RunbookError(`cannot read runbook ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, { cause });
  }
  const distrust = checkFileTrust(file);
  if (distrust !== undefined) throw new RunbookError(distrust);
  const result = parseRunbook(text, file, overrides);
  if (!result.ok) {
    throw new RunbookError(result.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join("\n"));
  }
  return { runbook: result.runbook, file };
};

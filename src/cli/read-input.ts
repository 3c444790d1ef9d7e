// Reads the output to analyse from a file or standard input, as bytes (analyzers decode what they need), with
// errors that say which.

import { readFile } from "node:fs/promises";
import { UsageError } from "../model/errors.js";

// Reads FILE, or stdin for "-" or no argument (refusing an interactive terminal with nothing piped).
export const readInput = async (file: string | undefined): Promise<{ output: Uint8Array; source: string }> => {
  if (file !== undefined && file !== "-") {
    try {
      return { output: await readFile(file), source: file };
    } catch (cause) {
      throw new UsageError(`cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`);
    }
  }
  if (process.stdin.isTTY) throw new UsageError("nothing to analyse: give a FILE, or pipe the tool's output into `bpftriage analyze TOOL -`");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return { output: Buffer.concat(chunks), source: "stdin" };
};

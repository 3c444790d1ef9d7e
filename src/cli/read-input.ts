// Reads the text to analyse from a file or standard input, with errors that say which.

import { readFile } from "node:fs/promises";
import { UsageError } from "../model/errors.js";

// Reads FILE, or stdin for "-" or no argument (refusing an interactive terminal with nothing piped).
export const readInput = async (file: string | undefined): Promise<{ text: string; source: string }> => {
  if (file !== undefined && file !== "-") {
    try {
      return { text: await readFile(file, "utf8"), source: file };
    } catch (cause) {
      throw new UsageError(`cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`);
    }
  }
  if (process.stdin.isTTY) throw new UsageError("nothing to analyse: give a FILE, or pipe the tool's output into `bpftriage analyze TOOL -`");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return { text: Buffer.concat(chunks).toString("utf8"), source: "stdin" };
};

// The CLI as the bundle exports it: the bin (bin.ts) loads the bundle and calls startCli; nothing runs on import,
// so the build can evaluate the bundle to record V8's code cache for it (code-cache.ts).

import { nameOwnThreads } from "../exec/thread-names.js";
import { main } from "./program.js";

// Starts the program on argv and sets the process's exit code from its result.
export const startCli = (argv: string[]): void => {
  // Our own threads then show up as "bpftriage" in the tools' output, where the diagnosis can tell them apart.
  process.title = "bpftriage";
  nameOwnThreads("bpftriage");
  // A reader that stops early (`bpftriage probes | head`) closes the pipe: that ends the output, it is not a crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  // A rejection is a bug: Node reports it as an unhandled rejection and exits 1, as the top-level await did.
  void main(argv).then((code) => {
    process.exitCode = code;
  });
};

#!/usr/bin/env node
// The `bpftriage` executable: hands argv to the program and exits with its code.

import { main } from "./program.js";

// Our own threads then show up as "bpftriage" in the tools' output, where the diagnosis can tell them apart.
process.title = "bpftriage";

// A reader that stops early (`bpftriage probes | head`) closes the pipe: that ends the output, it is not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await main(process.argv);

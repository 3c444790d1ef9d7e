#!/usr/bin/env node
// The `bpftriage` executable: hands argv to the program and exits with its code.

import { main } from "./program.js";

// Our own threads then show up as "bpftriage" in the tools' output, where the diagnosis can tell them apart.
process.title = "bpftriage";

process.exitCode = await main(process.argv);

#!/usr/bin/env node
// The `bpftriage` executable: hands argv to the program and exits with its code.

import { main } from "./program.js";

process.exitCode = await main(process.argv);

#!/usr/bin/env node
// The CLI unbundled (`node dist/cli/main.js`, or `tsx src/cli/main.ts` while developing); the installed bin is
// bin.ts, which loads the same startCli from the bundle.

import { startCli } from "./app.js";

startCli(process.argv);

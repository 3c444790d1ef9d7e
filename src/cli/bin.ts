// The `bpftriage` executable (bundled to dist/cli/bpftriage.mjs): loads the bundled CLI with its code cache and runs it.

import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { appFiles, loadApp, readCodeCache } from "./code-cache.js";

const files = appFiles(dirname(fileURLToPath(import.meta.url)));
loadApp(files.bundle, readCodeCache(files.cache)).app.startCli(process.argv);

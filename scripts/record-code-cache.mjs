// Runs the bundled CLI once with the arguments given (a replay of a recorded triage, from scripts/bundle.mjs) and, at
// exit, writes V8's code cache for the bundle: it then holds every function that run compiled (runbook parsing, the
// shape tests, diagnosis, rendering), not only the module initialisation, so a real run compiles less at start.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { appFiles, loadApp } from "../dist/cli/code-cache.js";

const files = appFiles(resolve("dist/cli"));
const { app, script } = loadApp(files.bundle);
process.on("exit", () => writeFileSync(files.cache, script.createCachedData()));
app.startCli([process.argv[0], "bpftriage", ...process.argv.slice(2)]);

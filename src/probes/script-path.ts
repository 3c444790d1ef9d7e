// Locates the bpftrace scripts bpftriage ships (src/probes/bpftrace/*.bt), from src/ or dist/ alike.

import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// The package root: this module sits two directories below it as src/probes, dist/probes or (bundled) dist/cli.
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const SCRIPT_DIR = join(PACKAGE_ROOT, "src", "probes", "bpftrace");

// The absolute path of a shipped script by file name, e.g. "cachestat-tp.bt".
export const shippedScript = (name: string): string => join(SCRIPT_DIR, name);

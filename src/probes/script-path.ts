// Locates the bpftrace scripts bpftriage ships (src/probes/bpftrace/*.bt), from src/ or dist/ alike.

import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const SCRIPT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "probes", "bpftrace");

// The absolute path of a shipped script by file name, e.g. "cachestat-tp.bt".
export const shippedScript = (name: string): string => join(SCRIPT_DIR, name);

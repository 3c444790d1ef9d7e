// Parsers for output users already have, by tool name (`bpftriage analyze TOOL`).

import { parseRunqslower } from "../parsers/runqslower.js";
import { parseBiolatency } from "./biolatency.js";
import type { ParsedOutput } from "./probe.js";
import { parseRunqlat } from "./runqlat.js";

export const ANALYZERS: Readonly<Record<string, (text: string, source?: string) => ParsedOutput>> = {
  runqlat: parseRunqlat,
  biolatency: parseBiolatency,
  runqslower: parseRunqslower,
};

export const ANALYZABLE_TOOLS = Object.keys(ANALYZERS);

// Prints, one per line, the arguments bpftriage itself passes to a shipped bpftrace script (syscall numbers of this
// architecture, struct offsets from this kernel's BTF) or to a native tool of dist/native (the file system's magic),
// so the capture scripts run exactly what a probe runs.
// Usage: node --import tsx scripts/capture/script-args.ts TOOL USER-ARGS...
//   cachestat-tp.bt | cachestat-tp  SECONDS TOP
//   fsslower-tp.bt | fsslower-tp    MIN_MS SECONDS FS PID
import { nativeTool } from "../../src/probes/native-tool.js";
import type { Invocation } from "../../src/probes/registry.js";
import { findProbe } from "../../src/probes/registry.js";
import { shippedScript } from "../../src/probes/script-path.js";

const [tool = "", ...args] = process.argv.slice(2);
const numbers = args.map(Number);
const params: Record<string, Record<string, unknown>> = {
  "cachestat-tp": { durationSec: numbers[0], topProcesses: numbers[1] },
  "fsslower-tp": { minMs: numbers[0], durationSec: numbers[1], fs: args[2], pid: numbers[3] },
};
const script = tool.endsWith(".bt");
const name = tool.replace(/\.bt$/, "");
const probe = findProbe(name.replace(/-tp$/, ""));
const wanted = params[name];
if (probe === undefined || wanted === undefined) {
  console.error(`script-args.ts: expected cachestat-tp.bt, fsslower-tp.bt, cachestat-tp or fsslower-tp, received ${tool || "nothing"}`);
  process.exit(2);
}
const planned = probe.plan(wanted);
if (!planned.ok) {
  console.error(`script-args.ts: ${planned.message}`);
  process.exit(2);
}
// A script's arguments follow its path in bpftrace's argv; a native tool's argv is all arguments.
const argsOf = (invocation: Invocation): string[] | undefined => {
  if (!script) return invocation.executable === nativeTool(name) ? invocation.argv : undefined;
  const at = invocation.argv.indexOf(shippedScript(tool));
  return at === -1 ? undefined : invocation.argv.slice(at + 1);
};
const found = planned.plan.invocations.map(argsOf).find((argv) => argv !== undefined) ?? [];
console.log(found.join("\n"));

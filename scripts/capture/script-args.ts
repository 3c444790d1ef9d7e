// Prints, one per line, the arguments bpftriage itself passes to a shipped bpftrace script (syscall numbers of this
// architecture, struct offsets from this kernel's BTF), so the capture scripts run exactly what a probe runs.
// Usage: node --import tsx scripts/capture/script-args.ts SCRIPT USER-ARGS...
//   cachestat-tp.bt SECONDS TOP | fsslower-tp.bt MIN_MS SECONDS FS PID
import { findProbe } from "../../src/probes/registry.js";
import { shippedScript } from "../../src/probes/script-path.js";

const [script, ...args] = process.argv.slice(2);
const numbers = args.map(Number);
const params: Record<string, Record<string, unknown>> = {
  "cachestat-tp.bt": { durationSec: numbers[0], topProcesses: numbers[1] },
  "fsslower-tp.bt": { minMs: numbers[0], durationSec: numbers[1], fs: args[2], pid: numbers[3] },
};
const probeId = script?.replace(/-tp\.bt$/, "") ?? "";
const probe = findProbe(probeId);
const wanted = script === undefined ? undefined : params[script];
if (probe === undefined || wanted === undefined) {
  console.error(`script-args.ts: expected cachestat-tp.bt or fsslower-tp.bt, received ${script ?? "nothing"}`);
  process.exit(2);
}
const planned = probe.plan(wanted);
if (!planned.ok) {
  console.error(`script-args.ts: ${planned.message}`);
  process.exit(2);
}
const argv = planned.plan.invocations.find((invocation) => invocation.argv.includes(shippedScript(script ?? "")))?.argv ?? [];
console.log(argv.slice(argv.indexOf(shippedScript(script ?? "")) + 1).join("\n"));

import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { HostChecks } from "../../src/probes/availability.js";
import { runProbe } from "../../src/probes/run-probe.js";
import { makeFakeTools } from "../helpers/fake-tools.js";
import { permissiveHost, readFixture } from "../helpers/fixtures.js";

// The real 5-interval capture under CPU bursts, cut into its intervals (each starts with an empty line and a time).
const bursts = readFixture("runqlat", "interval-timestamps.txt");
const [banner, ...intervals] = bursts.split(/\n(?=\n\d\d:\d\d:\d\d)/);
// The quiet capture: 168 wake-ups, far too few for a decisive p99.
const quiet = readFixture("runqlat", "quiet.txt").replace(/^Tracing[^\n]*\n/, "");

const dir = makeFakeTools((at) => ({
  "bursts-runqlat": `cat "${at}/banner"; for i in 1 2 3 4 5; do cat "${at}/interval-$i"; sleep 0.3; done`,
  "quiet-runqlat": `echo "Tracing run queue latency... Hit Ctrl-C to end."; for i in 1 2 3 4; do cat "${at}/quiet"; sleep 0.1; done`,
}));
writeFileSync(join(dir, "banner"), `${banner}\n`);
intervals.forEach((interval, index) => writeFileSync(join(dir, `interval-${index + 1}`), `${interval}\n`));
writeFileSync(join(dir, "quiet"), quiet);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hostWith = (tool: string): HostChecks => ({ ...permissiveHost, resolve: (name) => (name === "runqlat" ? join(dir, tool) : undefined) });

const step = (durationSec: number) => ({
  stepId: "runqlat",
  probe: "runqlat",
  params: { durationSec },
  detectors: [{ kind: "runq-tail" as const, minUs: 1000 }],
});

describe("interval probes stop once the verdict is decisive", () => {
  it("stops runqlat after 3 of 5 intervals when the run-queue hump is significant in two judgements", async () => {
    expect(intervals).toHaveLength(5);
    const result = await runProbe(step(5), {
      remainingMs: 30_000,
      signal: new AbortController().signal,
      host: hostWith("bursts-runqlat"),
      snapshotCpu: () => new Map(),
    });
    expect(result.status).toBe("ok");
    expect(result.stopReason).toBe("stopped");
    expect(result.reason).toBe("stopped early after 3 intervals: runq-tail decisive in 2 consecutive judgements");
    expect(result.findings[0]?.kind).toBe("runq-tail");
    expect(result.durationMs).toBeLessThan(1_500);
  });

  it("runs to the end when the sample stays too small to decide", async () => {
    const result = await runProbe(step(4), {
      remainingMs: 30_000,
      signal: new AbortController().signal,
      host: hostWith("quiet-runqlat"),
      snapshotCpu: () => new Map(),
    });
    expect(result.stopReason).toBe("exited");
    expect(result.reason).toBe("ran the full 4 s: the verdict was not decisive earlier");
    const histogram = result.measurements[0];
    expect(histogram?.kind === "histogram" && histogram.total).toBe(4 * 168);
    expect(histogram?.kind === "histogram" && histogram.intervals).toBe(4);
  });
});

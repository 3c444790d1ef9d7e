import { describe, expect, it } from "vitest";
import { diagnoseCpuContention } from "../../src/diagnosis/cpu-contention.js";
import type { CpuHoldersFinding, RunqTailFinding } from "../../src/model/finding.js";

const tail: RunqTailFinding = {
  kind: "runq-tail",
  stepId: "runqlat",
  decisive: true,
  p50: 8,
  p99: 4208,
  unit: "usecs",
  reasons: ["p99 4208 usecs is at or above the 1000 us threshold"],
  maxWait: 16384,
  modes: [],
  tail: "tail-hump",
};

// Holders as runqslower -P reports them while our own tools ran: the native tools run by absolute path.
const holders = (comms: string[]): CpuHoldersFinding => ({
  kind: "cpu-holders",
  stepId: "runqslower",
  basis: "on-cpu-time",
  events: 100,
  holders: comms.map((comm, index) => ({ comm, pids: [100 + index], cpuMs: 1000, share: 1 / comms.length, prevTaskEvents: 10 })),
  victims: [{ comm: "checkout-api", events: 100, maxLatUs: 16000 }],
});

describe("diagnoseCpuContention", () => {
  it("never names bpftriage's tools as culprits, the native ones (absolute executables) included", () => {
    const [cause] = diagnoseCpuContention([tail, holders(["cachestat-tp", "fsslower-tp", "bpftrace", "log-shipper"])]);
    expect(cause?.culprits.map((culprit) => culprit.name)).toEqual(["log-shipper"]);
  });
});

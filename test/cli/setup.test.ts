import { describe, expect, it } from "vitest";
import { missingPackages } from "../../src/cli/setup.js";
import { runCli } from "../helpers/cli.js";

describe("setup", () => {
  it("picks the most preferred flavour that only lacks its tool, for probes that cannot run", () => {
    const packages = missingPackages([
      { probe: "runqlat", title: "", flavour: "libbpf-tools", flavours: [] },
      {
        probe: "cachestat",
        title: "",
        flavour: null,
        flavours: [
          { flavour: "libbpf-tools", executable: "cachestat", status: "unavailable", package: "libbpf-tools", reasons: ["kprobes are not available on this kernel (no kprobe_events in tracefs)"] },
          { flavour: "bpftriage-script", executable: "bpftrace", status: "unavailable", package: "bpftrace", reasons: ["bpftrace is not installed (Debian/Ubuntu package: bpftrace, install with `apt-get install bpftrace`)"] },
        ],
      },
    ]);
    expect(packages.filter((name) => name !== "bpftool")).toEqual(["bpftrace"]);
  });

  it("refuses to install without a terminal unless --yes, naming the packages", () => {
    if (process.getuid?.() !== 0) return;
    const result = runCli(["setup"], { input: "" });
    // On a box that has everything, setup says so; otherwise it must not install without --yes.
    if (result.stdout.includes("setup: nothing to install")) {
      expect(result.status).toBe(0);
    } else {
      expect(result.status).toBe(3);
      expect(result.stderr).toMatch(/re-run with --yes/);
    }
  });
});

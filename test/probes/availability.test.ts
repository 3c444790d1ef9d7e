import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkPrivileges, resolveExecutable } from "../../src/exec/preflight.js";
import { checkProbe, type HostChecks } from "../../src/probes/availability.js";
import { findProbe, PROBES } from "../../src/probes/registry.js";

const host = (overrides: Partial<HostChecks>): HostChecks => ({
  resolve: (name) => `/usr/sbin/${name}`,
  privileges: () => ({ ok: true, detail: "root" }),
  btf: () => ({ ok: true, detail: "btf" }),
  tracepoint: () => ({ ok: true, detail: "tracepoint" }),
  kprobes: () => ({ ok: true, detail: "kprobes" }),
  btfMembers: (names) => ({ ok: true, detail: names.map((name) => `${name} at byte 8`).join(", ") }),
  arch: () => "x64",
  ...overrides,
});

describe("probe availability", () => {
  it("registers the USE sweep, the core probes and their drill-downs, in checklist order", () => {
    expect(PROBES.map((probe) => probe.id)).toEqual(["use-sweep", "runqlat", "runqslower", "biolatency", "cachestat", "fsslower", "offcputime", "execsnoop", "biosnoop"]);
  });

  it("names the package when the tool is missing", () => {
    const probe = findProbe("runqlat");
    if (!probe) throw new Error("runqlat not registered");
    const result = checkProbe(probe, host({ resolve: () => undefined }));
    expect(result.flavour).toBeNull();
    expect(result.flavours[0]).toMatchObject({ status: "unavailable", package: "libbpf-tools" });
    expect(result.flavours[0]?.status === "unavailable" && result.flavours[0].reasons).toEqual([
      "runqlat is not installed (Debian/Ubuntu package: libbpf-tools, install with `apt-get install libbpf-tools`)",
    ]);
  });

  it("takes an absolute executable (bpftriage's dist/native tools) as it is, when it exists and may run", () => {
    expect(resolveExecutable(process.execPath, "")).toBe(process.execPath);
    expect(resolveExecutable("/nonexistent/dist/native/cachestat-tp", "/usr/bin")).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), "bpftriage-resolve-"));
    const plain = join(dir, "not-executable");
    writeFileSync(plain, "#!/bin/sh\n", { mode: 0o644 });
    expect(resolveExecutable(plain, "/usr/bin")).toBeUndefined();
    rmSync(dir, { recursive: true, force: true });
  });

  it("says when the user is not root and lacks CAP_BPF", () => {
    const check = checkPrivileges(1000, "CapEff:\t0000000000000000\n");
    expect(check).toEqual({ ok: false, reason: "not root: tracing needs root, or CAP_BPF and CAP_PERFMON (run with sudo)" });
  });

  it("accepts CAP_BPF with CAP_PERFMON without root", () => {
    const caps = ((1n << 39n) | (1n << 38n)).toString(16).padStart(16, "0");
    expect(checkPrivileges(1000, `CapEff:\t${caps}\n`)).toEqual({ ok: true, detail: "CAP_BPF and CAP_PERFMON" });
  });

  it("says BPF is not permitted for a root without the capabilities (a restricted container)", () => {
    const check = checkPrivileges(0, "CapEff:\t00000000a80425fb\n");
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(/^BPF not permitted/);
  });

  it("lists every reason at once", () => {
    const probe = findProbe("biolatency");
    if (!probe) throw new Error("biolatency not registered");
    const result = checkProbe(
      probe,
      host({ resolve: () => undefined, privileges: () => ({ ok: false, reason: "not root" }), btf: () => ({ ok: false, reason: "no BTF" }) }),
    );
    expect(result.flavours[0]?.status === "unavailable" && result.flavours[0].reasons.length).toBe(3);
  });
});

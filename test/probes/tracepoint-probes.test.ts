import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ToolRequest } from "../../src/exec/run-tool.js";
import { checkFlavour, checkProbe, type HostChecks, liveHost } from "../../src/probes/availability.js";
import { CACHESTAT_NATIVE_TRACEPOINTS, CACHESTAT_TP_TRACEPOINTS } from "../../src/probes/cachestat.js";
import { FSSLOWER_TP_TRACEPOINTS } from "../../src/probes/fsslower.js";
import { nativeFlavour, nativeTool, nativeToolNotBuilt } from "../../src/probes/native-tool.js";
import { findProbe, type RegisteredProbe } from "../../src/probes/registry.js";
import { runProbe } from "../../src/probes/run-probe.js";
import { shippedScript } from "../../src/probes/script-path.js";
import { READ_SYSCALLS, syscallArgs, WRITE_SYSCALLS } from "../../src/probes/syscall-numbers.js";
import { kernelMemberOffsets } from "../../src/exec/preflight.js";
import { readFixture, ROOT } from "../helpers/fixtures.js";

const NO_KPROBES = "kprobes are not available on this kernel (no kprobe_events in tracefs)";

// A host like this project's VM: every tool installed (bpftriage's native tools built), BTF and tracepoints present,
// kprobes absent.
const host = (overrides: Partial<HostChecks> = {}): HostChecks => ({
  resolve: (name) => (isAbsolute(name) ? name : `/usr/sbin/${name}`),
  privileges: () => ({ ok: true, detail: "root" }),
  btf: () => ({ ok: true, detail: "btf" }),
  tracepoint: (name) => ({ ok: true, detail: `tracepoint ${name}` }),
  kprobes: () => ({ ok: false, reason: NO_KPROBES }),
  btfMembers: (names) => ({ ok: true, detail: names.map((name) => `${name} at byte 8`).join(", ") }),
  arch: () => "x64",
  ...overrides,
});

// The same host where dist/native was not built (no clang or libbpf-dev at build time).
const notBuilt = (overrides: Partial<HostChecks> = {}): HostChecks => host({ resolve: (name) => (isAbsolute(name) ? undefined : `/usr/sbin/${name}`), ...overrides });

const probe = (id: string): RegisteredProbe => {
  const found = findProbe(id);
  if (found === undefined) throw new Error(`${id} is not registered`);
  return found;
};

// The tracepoints a shipped script attaches to, read from the script itself.
const tracepointsIn = (script: string): string[] => [
  ...new Set([...readFileSync(shippedScript(script), "utf8").matchAll(/^tracepoint:(\w+):(\w+)/gm)].map((match) => `${match[1]}:${match[2]}`)),
];

// The tracepoints a native tool's BPF side has programs for, read from its source (src/probes/native/NAME.bpf.c).
const tracepointsInNative = (tool: string): string[] => [
  ...new Set(
    [...readFileSync(join(ROOT, "src", "probes", "native", `${tool}.bpf.c`), "utf8").matchAll(/^SEC\("tracepoint\/(\w+)\/(\w+)"\)/gm)].map(
      (match) => `${match[1]}:${match[2]}`,
    ),
  ),
];

describe.each([
  {
    id: "cachestat",
    original: "cachestat",
    native: "cachestat-tp",
    script: "cachestat-tp.bt",
    tracepoints: CACHESTAT_TP_TRACEPOINTS,
    nativeTracepoints: CACHESTAT_NATIVE_TRACEPOINTS,
    // The native tool loads whichever of the two this kernel has.
    nativeAlternatives: ["writeback:writeback_dirty_folio", "writeback:writeback_dirty_page"],
    members: [],
  },
  {
    id: "fsslower",
    original: "fsslower",
    native: "fsslower-tp",
    script: "fsslower-tp.bt",
    tracepoints: FSSLOWER_TP_TRACEPOINTS,
    nativeTracepoints: FSSLOWER_TP_TRACEPOINTS,
    nativeAlternatives: [] as string[],
    members: ["task_struct.files", "file.f_pos"],
  },
])("$id: libbpf-tools first, then the native tracepoint tool, then the script", ({ id, original, native, script, tracepoints, nativeTracepoints, nativeAlternatives, members }) => {
  it("lists the flavours in preference order with their packages and requirements", () => {
    const flavours = probe(id).flavours;
    expect(flavours.map((f) => [f.flavour, f.executable, f.debianPackage, f.stopBy])).toEqual([
      ["libbpf-tools", original, "libbpf-tools", "exit"],
      ["bpftriage-native", nativeTool(native), "libbpf-dev", "exit"],
      ["bpftriage-script", "bpftrace", "bpftrace", "exit"],
    ]);
    expect(flavours[0]?.requires).toEqual([{ kind: "btf" }, { kind: "kprobes" }]);
    expect(flavours[1]?.requires).toEqual([{ kind: "btf" }, ...nativeTracepoints.map((name) => ({ kind: "tracepoint", name }))]);
    expect(flavours[2]?.requires).toEqual([
      { kind: "syscall-numbers" },
      ...(members.length > 0 ? [{ kind: "btf-members", names: members }] : []),
      ...tracepoints.map((name) => ({ kind: "tracepoint", name })),
    ]);
  });

  it("ships the script, and requires exactly the tracepoints the script attaches to", () => {
    expect(existsSync(shippedScript(script))).toBe(true);
    expect([...tracepointsIn(script)].sort()).toEqual([...tracepoints].sort());
  });

  it("requires every tracepoint the native tool always attaches to (its alternatives are picked at load time)", () => {
    expect(tracepointsInNative(native).filter((name) => !nativeAlternatives.includes(name)).sort()).toEqual([...nativeTracepoints].sort());
  });

  it("chooses the native tool on a host without kprobes and says why the original cannot run", () => {
    const result = checkProbe(probe(id), host());
    expect(result.flavour).toBe("bpftriage-native");
    expect(result.flavours[0]).toEqual({ flavour: "libbpf-tools", executable: original, status: "unavailable", reasons: [NO_KPROBES], package: "libbpf-tools" });
    expect(result.flavours[1]).toEqual({ flavour: "bpftriage-native", executable: nativeTool(native), status: "available", path: nativeTool(native) });
    expect(result.flavours[2]).toEqual({ flavour: "bpftriage-script", executable: "bpftrace", status: "available", path: "/usr/sbin/bpftrace" });
  });

  it("falls back to the script when the native tool is not built, and says how to build it", () => {
    const result = checkProbe(probe(id), notBuilt());
    expect(result.flavour).toBe("bpftriage-script");
    expect(result.flavours[1]).toEqual({
      flavour: "bpftriage-native",
      executable: nativeTool(native),
      status: "unavailable",
      reasons: [`dist/native/${native} is not built: npm run build builds it when clang and libbpf-dev are installed (scripts/install-tools.sh)`],
      package: "libbpf-dev",
    });
    expect(nativeToolNotBuilt(native)).toBe(`dist/native/${native} is not built: npm run build builds it when clang and libbpf-dev are installed (scripts/install-tools.sh)`);
  });

  it("the native tool needs kernel BTF for its CO-RE relocations", () => {
    const result = checkProbe(probe(id), host({ btf: () => ({ ok: false, reason: "no kernel BTF" }) }));
    expect(result.flavours[1]).toMatchObject({ status: "unavailable", reasons: ["no kernel BTF"] });
  });

  it("prefers the original where kprobes exist", () => {
    expect(checkProbe(probe(id), host({ kprobes: () => ({ ok: true, detail: "kprobes" }) })).flavour).toBe("libbpf-tools");
  });

  it("lists every missing tracepoint and the bpftrace package when nothing can run", () => {
    const result = checkProbe(
      probe(id),
      notBuilt({
        resolve: (name) => (name === "bpftrace" || isAbsolute(name) ? undefined : `/usr/sbin/${name}`),
        tracepoint: (name) => (name.startsWith("raw_syscalls:") ? { ok: true, detail: name } : { ok: false, reason: `tracepoint ${name} does not exist on this kernel` }),
        arch: () => "s390x",
      }),
    );
    expect(result.flavour).toBeNull();
    const script = result.flavours[2];
    expect(script?.status === "unavailable" && script.package).toBe("bpftrace");
    const missing = tracepoints.filter((name) => !name.startsWith("raw_syscalls:")).map((name) => `tracepoint ${name} does not exist on this kernel`);
    expect(script?.status === "unavailable" && script.reasons).toEqual([
      "bpftrace is not installed (Debian/Ubuntu package: bpftrace, install with `apt-get install bpftrace`)",
      "no syscall numbers known for architecture s390x (bpftriage has them for x64, arm64)",
      ...missing,
    ]);
  });
});

describe("native tools that were not built", () => {
  it("are unavailable through the real executable lookup, with how to build them", () => {
    const check = checkFlavour({ ...nativeFlavour("no-such-tool"), requires: [] }, { ...host(), resolve: liveHost.resolve });
    expect(check).toEqual({
      flavour: "bpftriage-native",
      executable: nativeTool("no-such-tool"),
      status: "unavailable",
      reasons: ["dist/native/no-such-tool is not built: npm run build builds it when clang and libbpf-dev are installed (scripts/install-tools.sh)"],
      package: "libbpf-dev",
    });
  });

  it("live under dist/native of the package, from src/ as from the bundle (two directories below the root)", () => {
    expect(nativeTool("cachestat-tp")).toBe(join(ROOT, "dist", "native", "cachestat-tp"));
  });
});

describe("tracepoint probe parameters and argv", () => {
  it("cachestat: default 5 s and top 10; bpftrace's setup time is its flavour's startup allowance", () => {
    const planned = probe("cachestat").plan({});
    if (!planned.ok) throw new Error(planned.message);
    expect(planned.plan.durationSec).toBe(5);
    expect(planned.plan.invocations.map((invocation) => invocation.startupSec)).toEqual([0, 0, 5]);
    expect(planned.plan.invocations.map((invocation) => invocation.argv)).toEqual([
      ["-T", "1", "5"],
      ["5", "10"],
      ["--no-warnings", shippedScript("cachestat-tp.bt"), "5", "10", ...syscallArgs([...READ_SYSCALLS, ...WRITE_SYSCALLS])],
    ]);
  });

  it("fsslower: default 10 ms on ext4 for 5 s; a pid is passed to every flavour, the magic to the tracepoint ones", () => {
    const planned = probe("fsslower").plan({ minMs: 0, pid: 4242, durationSec: 3 });
    if (!planned.ok) throw new Error(planned.message);
    expect(planned.plan.durationSec).toBe(3);
    expect(planned.plan.invocations.map((invocation) => invocation.startupSec)).toEqual([0, 0, 5]);
    const offsets = kernelMemberOffsets(["task_struct.files", "file.f_pos"]).map((offset) => String(offset ?? "unknown"));
    const numbers = syscallArgs([...READ_SYSCALLS, ...WRITE_SYSCALLS, "fsync", "fdatasync", "openat", "close"]);
    expect(planned.plan.invocations.map((invocation) => invocation.argv)).toEqual([
      ["-t", "ext4", "-m", "0", "-d", "3", "-p", "4242"],
      ["0", "3", "ext4", "4242", "61267"],
      ["--no-warnings", shippedScript("fsslower-tp.bt"), "0", "3", "ext4", "4242", "61267", ...offsets, ...numbers],
    ]);
    const defaults = probe("fsslower").plan({ fs: "xfs" });
    expect(defaults.ok && defaults.plan.invocations[1]?.argv).toEqual(["10", "5", "xfs", "0", String(0x58465342)]);
    expect(defaults.ok && defaults.plan.invocations[2]?.argv.slice(2, 7)).toEqual(["10", "5", "xfs", "0", String(0x58465342)]);
  });

  it("passes the syscall numbers of the architecture, in the scripts' order", () => {
    expect(syscallArgs([...READ_SYSCALLS, ...WRITE_SYSCALLS, "fsync", "fdatasync", "openat", "close"], "x64")).toEqual(
      ["0", "19", "17", "295", "327", "1", "20", "18", "296", "328", "74", "75", "257", "3"],
    );
    expect(syscallArgs(["read", "write", "openat", "close"], "arm64")).toEqual(["63", "64", "56", "57"]);
    expect(syscallArgs(["read"], "s390x")).toEqual(["unknown"]);
  });

  it("refuses a file system the original cannot trace and unknown parameters", () => {
    expect(probe("fsslower").plan({ fs: "zfs" })).toMatchObject({ ok: false });
    expect(probe("cachestat").plan({ interval: 2 })).toMatchObject({ ok: false });
  });
});

describe("a step runs a tracepoint flavour on a host without kprobes", () => {
  // Runs one step with the tool replaced by a recorded capture, and returns the result and the request made; the
  // host has no native build unless one is given.
  const step = async (id: string, params: Record<string, unknown>, capture: string, on: HostChecks = notBuilt()) => {
    const requests: ToolRequest[] = [];
    const result = await runProbe(
      { stepId: id, probe: id, params, detectors: [] },
      {
        remainingMs: 60_000,
        signal: new AbortController().signal,
        host: on,
        snapshotCpu: () => new Map(),
        run: async (request) => {
          requests.push(request);
          return { stdout: capture, stderr: "", exitCode: 0, signal: null, durationMs: 9000, stopReason: "exited" };
        },
      },
    );
    return { result, request: requests[0] };
  };

  it("cachestat: bpftrace with the script, a hard limit that leaves room for bpftrace, the series and the table", async () => {
    const { result, request } = await step("cachestat", { durationSec: 6 }, readFixture("cachestat", "cold-then-warm.txt"));
    expect(request?.file).toBe("/usr/sbin/bpftrace");
    expect(request?.args).toEqual(["--no-warnings", shippedScript("cachestat-tp.bt"), "6", "10", ...syscallArgs([...READ_SYSCALLS, ...WRITE_SYSCALLS])]);
    expect(request?.timeoutMs).toBeGreaterThanOrEqual((6 + 5) * 1000);
    expect(result).toMatchObject({ status: "ok", flavour: "bpftriage-script" });
    expect(result.measurements.map((m) => m.kind)).toEqual(["series", "events"]);
    expect(result.notes.some((note) => note.includes("HITS and HITRATIO are estimates"))).toBe(true);
  });

  it("fsslower: the events table with the original's columns", async () => {
    const { result, request } = await step("fsslower", { minMs: 1 }, readFixture("fsslower", "fsync-writer-1ms.txt"));
    expect(request?.args.slice(2, 6)).toEqual(["1", "5", "ext4", "0"]);
    expect(result).toMatchObject({ status: "ok", flavour: "bpftriage-script" });
    const [events] = result.measurements;
    expect(events?.kind === "events" && events.rows.length).toBe(60);
  });

  it("cachestat: the native tool by its absolute path with SECONDS TOP, the series and the table", async () => {
    const { result, request } = await step("cachestat", { durationSec: 6 }, readFixture("cachestat", "native-cold-then-warm.txt"), host());
    expect(request?.file).toBe(nativeTool("cachestat-tp"));
    expect(request?.args).toEqual(["6", "10"]);
    expect(result).toMatchObject({ status: "ok", flavour: "bpftriage-native" });
    expect(result.measurements.map((m) => m.kind)).toEqual(["series", "events"]);
    expect(result.notes.some((note) => note.includes("HITS and HITRATIO are estimates"))).toBe(true);
  });

  it("fsslower: the native tool with MIN_MS SECONDS FS PID MAGIC, the events table", async () => {
    const { result, request } = await step("fsslower", { minMs: 1, pid: 8661 }, readFixture("fsslower", "native-fsync-writer-1ms.txt"), host());
    expect(request?.file).toBe(nativeTool("fsslower-tp"));
    expect(request?.args).toEqual(["1", "5", "ext4", "8661", "61267"]);
    expect(result).toMatchObject({ status: "ok", flavour: "bpftriage-native" });
    const [events] = result.measurements;
    expect(events?.kind === "events" && events.rows.length).toBe(19);
  });

  it("a native build that cannot load here (exit 1, no output) falls through to the script", async () => {
    const requests: ToolRequest[] = [];
    const result = await runProbe(
      { stepId: "cachestat", probe: "cachestat", params: { durationSec: 6 }, detectors: [] },
      {
        remainingMs: 60_000,
        signal: new AbortController().signal,
        host: host(),
        snapshotCpu: () => new Map(),
        run: async (request) => {
          requests.push(request);
          const failed = request.file === nativeTool("cachestat-tp");
          return failed
            ? { stdout: "", stderr: "cachestat-tp: failed to load the BPF programs (kernel BTF and root needed): Invalid argument\n", exitCode: 1, signal: null, durationMs: 40, stopReason: "exited" }
            : { stdout: readFixture("cachestat", "cold-then-warm.txt"), stderr: "", exitCode: 0, signal: null, durationMs: 9000, stopReason: "exited" };
        },
      },
    );
    expect(requests.map((request) => request.file)).toEqual([nativeTool("cachestat-tp"), "/usr/sbin/bpftrace"]);
    expect(result).toMatchObject({ status: "ok", flavour: "bpftriage-script" });
    expect(result.reason).toBe(
      `after bpftriage-native: ${nativeTool("cachestat-tp")} exited with status 1: cachestat-tp: failed to load the BPF programs (kernel BTF and root needed): Invalid argument`,
    );
  });
});

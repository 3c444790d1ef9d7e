// Decides, per probe and flavour, whether it can run on this box, and if not exactly why.

import { type Check, checkBtfMembers, checkKernelBtf, checkKprobes, checkPrivileges, checkTracepoint, resolveExecutable } from "../exec/preflight.js";
import type { Requirement } from "./probe.js";
import type { Invocation, RegisteredProbe } from "./registry.js";
import { hasSyscallTable, KNOWN_ARCHITECTURES } from "./syscall-numbers.js";

export type FlavourAvailability =
  | { flavour: string; executable: string; status: "available"; path: string }
  | { flavour: string; executable: string; status: "unavailable"; reasons: string[]; package: string };

export interface ProbeAvailability {
  probe: string;
  title: string;
  // The flavour a run would use, or null when none can run.
  flavour: string | null;
  flavours: FlavourAvailability[];
}

export interface HostChecks {
  resolve(name: string): string | undefined;
  privileges(): ReturnType<typeof checkPrivileges>;
  btf(): ReturnType<typeof checkKernelBtf>;
  tracepoint(name: string): ReturnType<typeof checkTracepoint>;
  kprobes(): ReturnType<typeof checkKprobes>;
  btfMembers(names: readonly string[]): Check;
  // Node's process.arch of the host.
  arch(): string;
}

export const liveHost: HostChecks = {
  resolve: (name) => resolveExecutable(name),
  privileges: () => checkPrivileges(),
  btf: () => checkKernelBtf(),
  tracepoint: (name) => checkTracepoint(name),
  kprobes: () => checkKprobes(),
  btfMembers: (names) => checkBtfMembers(names),
  arch: () => process.arch,
};

// Checks one kernel requirement of a flavour.
const checkRequirement = (requirement: Requirement, host: HostChecks) => {
  switch (requirement.kind) {
    case "btf":
      return host.btf();
    case "tracepoint":
      return host.tracepoint(requirement.name);
    case "kprobes":
      return host.kprobes();
    case "btf-members":
      return host.btfMembers(requirement.names);
    case "syscall-numbers": {
      const arch = host.arch();
      return hasSyscallTable(arch)
        ? { ok: true as const, detail: `syscall numbers for ${arch}` }
        : { ok: false as const, reason: `no syscall numbers known for architecture ${arch} (bpftriage has them for ${KNOWN_ARCHITECTURES.join(", ")})` };
    }
  }
};

// Checks one flavour: tool installed, privileges, and each kernel requirement (BTF, tracepoints, kprobes).
export const checkFlavour = (
  spec: Pick<Invocation, "flavour" | "executable" | "debianPackage" | "notInstalled" | "requires"> & { inProcess?: boolean; collect?: unknown },
  host: HostChecks = liveHost,
): FlavourAvailability => {
  if (spec.inProcess === true || spec.collect !== undefined) return { flavour: spec.flavour, executable: spec.executable, status: "available", path: "(in-process)" };
  const reasons: string[] = [];
  const path = host.resolve(spec.executable);
  if (path === undefined) {
    reasons.push(spec.notInstalled ?? `${spec.executable} is not installed (Debian/Ubuntu package: ${spec.debianPackage}, install with \`apt-get install ${spec.debianPackage}\`)`);
  }
  const privileges = host.privileges();
  if (!privileges.ok) reasons.push(privileges.reason);
  for (const requirement of spec.requires) {
    const check = checkRequirement(requirement, host);
    if (!check.ok) reasons.push(check.reason);
  }
  if (path !== undefined && reasons.length === 0) return { flavour: spec.flavour, executable: spec.executable, status: "available", path };
  return { flavour: spec.flavour, executable: spec.executable, status: "unavailable", reasons, package: spec.debianPackage };
};

// Checks every flavour of a probe, in preference order.
export const checkProbe = (probe: RegisteredProbe, host: HostChecks = liveHost): ProbeAvailability => {
  const flavours = probe.flavours.map((spec) => checkFlavour(spec, host));
  const usable = flavours.find((flavour) => flavour.status === "available");
  return { probe: probe.id, title: probe.title, flavour: usable?.flavour ?? null, flavours };
};

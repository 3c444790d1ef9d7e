// `bpftriage setup [--yes]`: installs the packages that would let every probe run, with apt-get or dnf.

import { createInterface } from "node:readline/promises";
import { findTracefs, resolveExecutable } from "../exec/preflight.js";
import { runAttached } from "../exec/run-tool.js";
import { UsageError } from "../model/errors.js";
import { checkProbe, type ProbeAvailability } from "../probes/availability.js";
import { PROBES } from "../probes/registry.js";

// Tools bpftriage uses beside the probes themselves (bpftool lists loaded programs).
const SUPPORT_PACKAGES = [{ executable: "bpftool", package: "bpftool" }];

// For each probe that cannot run, the package of its most preferred flavour that is only missing its tool.
export const missingPackages = (availability: readonly ProbeAvailability[]): string[] => {
  const packages = new Set<string>();
  for (const probe of availability) {
    if (probe.flavour !== null) continue;
    const installable = probe.flavours.find(
      (flavour) => flavour.status === "unavailable" && flavour.reasons.every((reason) => reason.includes("is not installed")),
    );
    if (installable?.status === "unavailable") packages.add(installable.package);
  }
  for (const support of SUPPORT_PACKAGES) if (resolveExecutable(support.executable) === undefined) packages.add(support.package);
  return [...packages].sort();
};

// Asks on a terminal; anything but y/yes is no.
const confirm = async (question: string): Promise<boolean> => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
};

// Installs what is missing; exit 0 when nothing is missing or the install succeeded.
export const setupCommand = async (options: { yes?: boolean }): Promise<number> => {
  // Tracepoint probes and bpftrace need tracefs, which a fresh boot may not have mounted.
  if (findTracefs() === undefined && process.getuid?.() === 0) {
    const mounted = await runAttached("mount", ["-t", "tracefs", "nodev", "/sys/kernel/tracing"]);
    process.stdout.write(mounted.exitCode === 0 ? "setup: mounted tracefs at /sys/kernel/tracing\n" : "setup: could not mount tracefs\n");
  }
  const packages = missingPackages(PROBES.map((probe) => checkProbe(probe)));
  if (packages.length === 0) {
    process.stdout.write("setup: nothing to install: no missing package would let another probe run here\n");
    return 0;
  }
  const manager = resolveExecutable("apt-get") ? "apt-get" : resolveExecutable("dnf") ? "dnf" : undefined;
  if (manager === undefined) throw new UsageError(`setup: install ${packages.join(" ")} with your package manager (neither apt-get nor dnf found)`);
  if (process.getuid?.() !== 0) throw new UsageError(`setup: installing ${packages.join(" ")} needs root: run \`sudo bpftriage setup\``);
  if (!options.yes) {
    if (!process.stdin.isTTY) throw new UsageError(`setup: would install ${packages.join(" ")} with ${manager}; re-run with --yes to proceed without a terminal`);
    if (!(await confirm(`Install ${packages.join(" ")} with ${manager}? [y/N] `))) {
      process.stderr.write("setup: nothing installed\n");
      return 3;
    }
  }
  if (manager === "apt-get") {
    const update = await runAttached("apt-get", ["update", "-qq"]);
    if (update.exitCode !== 0) throw new UsageError(`setup: apt-get update failed (${update.error ?? `status ${update.exitCode}`})`);
  }
  const install = await runAttached(manager, ["install", "-y", ...packages]);
  if (install.exitCode !== 0) throw new UsageError(`setup: ${manager} install ${packages.join(" ")} failed (${install.error ?? `status ${install.exitCode}`})`);
  process.stdout.write(`setup: installed ${packages.join(" ")}\n`);
  return 0;
};

// `bpftriage probes [--json]`: which probes can run here, through which flavour, and exactly why not.

import { checkProbe } from "../probes/availability.js";
import { PROBES } from "../probes/registry.js";

// Prints the availability of every registered probe; exit 0 when all can run, 1 when some cannot.
export const probesCommand = (options: { json?: boolean }): number => {
  const availability = PROBES.map((probe) => checkProbe(probe));
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ probes: availability }, null, 2)}\n`);
  } else {
    for (const probe of availability) {
      process.stdout.write(`${probe.probe.padEnd(12)} ${probe.flavour === null ? "cannot run" : `runs via ${probe.flavour}`}  (${probe.title})\n`);
      for (const flavour of probe.flavours) {
        if (flavour.status === "available") process.stdout.write(`  ${flavour.flavour}: ${flavour.path}\n`);
        else for (const reason of flavour.reasons) process.stdout.write(`  ${flavour.flavour}: ${reason}\n`);
      }
    }
  }
  return availability.every((probe) => probe.flavour !== null) ? 0 : 1;
};

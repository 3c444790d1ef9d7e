// The registered probes: runbooks may name only these; parameters are validated here, at the boundary.

import type { ZodType } from "../model/zod.js";
import type { Flavour, ParsedOutput, ProbeDefinition, Requirement } from "./probe.js";
import { biolatency } from "./biolatency.js";
import { cachestat } from "./cachestat.js";
import { fsslower } from "./fsslower.js";
import { runqlat } from "./runqlat.js";
import { runqslower } from "./runqslower.js";
import { biosnoop } from "./biosnoop.js";
import { execsnoop } from "./execsnoop.js";
import { offcputime } from "./offcputime.js";
import { useSweep } from "./use-sweep.js";

export interface Invocation {
  flavour: Flavour;
  executable: string;
  debianPackage: string;
  notInstalled?: string;
  requires: readonly Requirement[];
  argv: string[];
  stopBy: "exit" | "signal";
  intervalOutput: boolean;
  startupSec: number;
  // Present for in-process flavours: produces the output text without starting a process.
  collect?: (signal: AbortSignal) => Promise<string>;
  parse(stdout: string, source?: string): ParsedOutput;
}

export interface ProbePlan {
  probe: string;
  durationSec: number;
  params: unknown;
  // One invocation per flavour, in preference order.
  invocations: Invocation[];
}

export type PlanResult = { ok: true; plan: ProbePlan } | { ok: false; message: string };

export interface RegisteredProbe {
  id: string;
  title: string;
  // The probe's parameter schema, for runbook validation and the generated JSON Schema.
  paramsSchema: ZodType<Record<string, unknown>>;
  flavours: ReadonlyArray<Omit<Invocation, "argv" | "parse" | "intervalOutput" | "collect"> & { inProcess: boolean }>;
  plan(rawParams: unknown): PlanResult;
}

// Hides each probe's parameter type behind validation so probes of different types share one list.
const register = <P extends Record<string, unknown>>(probe: ProbeDefinition<P>): RegisteredProbe => ({
  id: probe.id,
  title: probe.title,
  paramsSchema: probe.paramsSchema,
  flavours: probe.flavours.map(({ flavour, executable, debianPackage, notInstalled, requires, stopBy, collect, startupSec }) => ({
    flavour,
    executable,
    debianPackage,
    ...(notInstalled === undefined ? {} : { notInstalled }),
    requires,
    stopBy,
    startupSec: startupSec ?? 0,
    inProcess: collect !== undefined,
  })),
  plan(rawParams) {
    const parsed = probe.paramsSchema.safeParse(rawParams ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.map(String).join(".") || "params"}: ${issue.message}`);
      return { ok: false, message: `invalid parameters for probe ${probe.id}: ${problems.join("; ")}` };
    }
    const params = parsed.data;
    return {
      ok: true,
      plan: {
        probe: probe.id,
        durationSec: probe.durationSec(params),
        params,
        invocations: probe.flavours.map((spec) => ({
          flavour: spec.flavour,
          executable: spec.executable,
          debianPackage: spec.debianPackage,
          ...(spec.notInstalled === undefined ? {} : { notInstalled: spec.notInstalled }),
          requires: spec.requires,
          argv: spec.argv(params),
          stopBy: spec.stopBy,
          intervalOutput: spec.intervalOutput ?? false,
          startupSec: spec.startupSec ?? 0,
          ...(spec.collect ? { collect: (signal: AbortSignal) => spec.collect?.(params, signal) ?? Promise.resolve("") } : {}),
          parse: spec.parse,
        })),
      },
    };
  },
});

export const PROBES: readonly RegisteredProbe[] = [
  register(useSweep),
  register(runqlat),
  register(runqslower),
  register(biolatency),
  register(cachestat),
  register(fsslower),
  register(offcputime),
  register(execsnoop),
  register(biosnoop),
];

// Looks a probe up by id; undefined for names that are not registered.
export const findProbe = (id: string): RegisteredProbe | undefined => PROBES.find((probe) => probe.id === id);

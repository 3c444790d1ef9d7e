// The registered probes: runbooks may name only these; parameters are validated here, at the boundary.

import type { Flavour, ParsedOutput, ProbeDefinition, Requirement } from "./probe.js";
import { biolatency } from "./biolatency.js";
import { runqlat } from "./runqlat.js";
import { runqslower } from "./runqslower.js";

export interface Invocation {
  flavour: Flavour;
  executable: string;
  debianPackage: string;
  requires: readonly Requirement[];
  argv: string[];
  stopBy: "exit" | "signal";
  intervalOutput: boolean;
  parse(stdout: string, source?: string): ParsedOutput;
}

export interface ProbePlan {
  probe: string;
  durationSec: number;
  params: unknown;
  // One invocation per flavour, in preference order.
  invocations: Invocation[];
}

export interface ParamIssue {
  path: Array<string | number>;
  message: string;
}

export type PlanResult = { ok: true; plan: ProbePlan } | { ok: false; message: string; issues: ParamIssue[] };

export interface RegisteredProbe {
  id: string;
  title: string;
  flavours: ReadonlyArray<Omit<Invocation, "argv" | "parse" | "intervalOutput">>;
  plan(rawParams: unknown): PlanResult;
}

// Hides each probe's parameter type behind validation so probes of different types share one list.
const register = <P>(probe: ProbeDefinition<P>): RegisteredProbe => ({
  id: probe.id,
  title: probe.title,
  flavours: probe.flavours.map(({ flavour, executable, debianPackage, requires, stopBy }) => ({
    flavour,
    executable,
    debianPackage,
    requires,
    stopBy,
  })),
  plan(rawParams) {
    const parsed = probe.paramsSchema.safeParse(rawParams ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        path: issue.path.filter((key): key is string | number => typeof key !== "symbol"),
        message: issue.message,
      }));
      const problems = issues.map((issue) => `${issue.path.join(".") || "params"}: ${issue.message}`);
      return { ok: false, message: `invalid parameters for probe ${probe.id}: ${problems.join("; ")}`, issues };
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
          requires: spec.requires,
          argv: spec.argv(params),
          stopBy: spec.stopBy,
          intervalOutput: spec.intervalOutput ?? false,
          parse: spec.parse,
        })),
      },
    };
  },
});

export const PROBES: readonly RegisteredProbe[] = [register(runqlat), register(runqslower), register(biolatency)];

// Looks a probe up by id; undefined for names that are not registered.
export const findProbe = (id: string): RegisteredProbe | undefined => PROBES.find((probe) => probe.id === id);

// The shape of a probe definition: which tool runs it per flavour, its parameters, and how its output parses.

import type { Measurement } from "../model/measurement.js";
import type { ZodType } from "../model/zod.js";
import type { Note } from "../parsers/noise.js";

export type Flavour = "libbpf-tools" | "bcc" | "bpftrace" | "bpftriage-native" | "bpftriage-script" | "procfs";

export interface ParsedOutput {
  flavour: string;
  measurements: Measurement[];
  notes: Note[];
}

// What a flavour needs from the kernel beyond privileges and its executable.
export type Requirement =
  | { kind: "btf" }
  | { kind: "tracepoint"; name: string }
  | { kind: "kprobes" }
  // Struct members a script reads through their BTF offsets, e.g. "task_struct.files".
  | { kind: "btf-members"; names: readonly string[] }
  // The script needs this architecture's syscall numbers (src/probes/syscall-numbers.ts).
  | { kind: "syscall-numbers" };

// How one flavour of a probe is started and read.
export interface FlavourSpec<Params> {
  flavour: Flavour;
  executable: string;
  // Debian/Ubuntu package that provides the executable.
  debianPackage: string;
  // Why the executable is missing when no package installs it (bpftriage's own dist/native tools): replaces
  // the "not installed (package ...)" reason.
  notInstalled?: string;
  requires: readonly Requirement[];
  argv(params: Params): string[];
  // "exit": the tool stops by itself after its duration; "signal": it must be stopped with SIGINT.
  stopBy: "exit" | "signal";
  // True when the tool prints one measurement per second, so the step can stop once the verdict is decisive.
  intervalOutput?: boolean;
  // Seconds the tool needs beyond its traced duration (bpftrace compiles and detaches), added to its hard limit.
  startupSec?: number;
  // In-process flavours (procfs) produce their text output here instead of running an executable.
  collect?(params: Params, signal: AbortSignal): Promise<string>;
  parse(stdout: string, source?: string): ParsedOutput;
}

export interface ProbeDefinition<Params = Record<string, unknown>> {
  id: string;
  title: string;
  paramsSchema: ZodType<Params>;
  durationSec(params: Params): number;
  flavours: ReadonlyArray<FlavourSpec<Params>>;
}

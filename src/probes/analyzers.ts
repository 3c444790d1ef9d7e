// Parsers for output users already have, by tool name (`bpftriage analyze TOOL`); the flavour (bcc Python,
// libbpf-tools, bpftrace, layout version) is detected from the text itself. Analyzers take text or bytes: the
// stack tools read bytes with a fast path, the others decode them first.

import { type BpftraceHistOptions, parseBpftraceHist } from "../parsers/bpftrace-hist.js";
import { parseBiosnoop } from "../parsers/biosnoop.js";
import { parseCachestat } from "../parsers/cachestat.js";
import { parseExecsnoop } from "../parsers/execsnoop.js";
import { parseFsslower } from "../parsers/fsslower.js";
import { parseLinearHist } from "../parsers/linear-hist.js";
import { parseLog2Hist } from "../parsers/log2-hist.js";
import { parseRunqslower } from "../parsers/runqslower.js";
import { parseStacks, type StacksOptions } from "../parsers/stacks.js";
import { parseStackBytes } from "../parsers/stacks-bytes.js";
import { outputText, type ToolOutput } from "../parsers/tool-output.js";
import { parseBiolatency } from "./biolatency.js";
import type { ParsedOutput } from "./probe.js";
import { parseRunqlat } from "./runqlat.js";

type TextAnalyzer = (text: string, source?: string) => ParsedOutput;
export type Analyzer = (output: ToolOutput, source?: string) => ParsedOutput;

// bpftrace prints `Attaching N probes...` and histograms as `@name:` blocks; bcc and libbpf-tools never do.
const BPFTRACE_TEXT = /^(?:@\w*(?:\[.*\])?:\s*|Attach(?:ing|ed) \d+ probes?(?:\.\.\.)?\s*)$/m;

// Uses the bpftrace histogram parser for bpftrace text and the bcc/libbpf-tools parser otherwise.
const orBpftrace =
  (bcc: TextAnalyzer, bpftrace: Omit<BpftraceHistOptions, "source">): TextAnalyzer =>
  (text, source) =>
    BPFTRACE_TEXT.test(text) ? parseBpftraceHist(text, { ...bpftrace, ...(source === undefined ? {} : { source }) }) : bcc(text, source);

const HIT_CTRL_C = String.raw`(?:\.\.\. Hit Ctrl-C to end\.| for \d+ secs\.)`;
const OFFCPUTIME_BANNER = new RegExp(String.raw`^Tracing off-CPU time \(us\) of .*${HIT_CTRL_C}\s*$`);
const PROFILE_BANNER = new RegExp(String.raw`^Sampling at \d+ Hertz of .*${HIT_CTRL_C}\s*$`);
const FS_DIST_BANNER = /^Tracing \S+ operation latency\.\.\. Hit Ctrl-C to end\.\s*$/;

// A file-system latency distribution tool (ext4dist, xfsdist, fsdist ...): log2 histograms per `operation`.
const fsDist = (tool: string): TextAnalyzer =>
  orBpftrace((text, source) => parseLog2Hist(text, { tool, units: ["usecs", "msecs"], banners: [FS_DIST_BANNER], ...(source === undefined ? {} : { source }) }), {
    tool,
    banners: [FS_DIST_BANNER],
    maps: ["@us", "@usecs", "@ms"],
  });

// A file-system slower tool (ext4slower, nfsslower ...): event rows or CSV.
const fsSlower =
  (tool: string): TextAnalyzer =>
  (text, source) =>
    parseFsslower(text, tool, source);

// The stack tools' options, each refusing the other's banner.
export const STACKS_OPTIONS = {
  offcputime: { tool: "offcputime", banners: [OFFCPUTIME_BANNER], foreignBanners: [PROFILE_BANNER], bccBanner: / by (?:user|kernel)/ },
  profile: { tool: "profile", banners: [PROFILE_BANNER], foreignBanners: [OFFCPUTIME_BANNER] },
} as const satisfies Record<string, StacksOptions>;

// Stack summaries of one tool; bytes go through the fast path first, and to the general parser when it declines.
const stacks =
  (options: StacksOptions): Analyzer =>
  (output, source) => {
    const withSource = source === undefined ? options : { ...options, source };
    return (typeof output === "string" ? null : parseStackBytes(output, withSource)) ?? parseStacks(outputText(output), withSource);
  };

const TEXT_ANALYZERS: Readonly<Record<string, TextAnalyzer>> = {
  runqlat: orBpftrace(parseRunqlat, { tool: "runqlat", banners: [/^Tracing CPU scheduler\.\.\. Hit Ctrl-C to end\.\s*$/], maps: ["@usecs"] }),
  biolatency: orBpftrace(parseBiolatency, { tool: "biolatency", banners: [/^Tracing block device I\/O\.\.\. Hit Ctrl-C to end\.\s*$/], maps: ["@usecs"] }),
  runqslower: parseRunqslower,
  runqlen: orBpftrace(
    (text, source) =>
      parseLinearHist(text, {
        tool: "runqlen",
        units: ["runqlen"],
        banners: [/^Sampling run queue length\.\.\. Hit Ctrl-C to end\.\s*$/],
        libbpfMaxSlots: 32,
        ...(source === undefined ? {} : { source }),
      }),
    { tool: "runqlen", banners: [/^Sampling run queue length at \d+ Hertz\.\.\. Hit Ctrl-C to end\.\s*$/], maps: ["@runqlen"] },
  ),
  cpudist: (text, source) =>
    parseLog2Hist(text, {
      tool: "cpudist",
      units: ["usecs", "msecs"],
      banners: [/^Tracing (?:on|off)-CPU time\.\.\. Hit Ctrl-C to end\.\s*$/],
      libbpfMaxSlots: 36,
      ...(source === undefined ? {} : { source }),
    }),
  ext4dist: fsDist("ext4dist"),
  xfsdist: fsDist("xfsdist"),
  btrfsdist: fsDist("btrfsdist"),
  nfsdist: fsDist("nfsdist"),
  zfsdist: fsDist("zfsdist"),
  fsdist: fsDist("fsdist"),
  cachestat: parseCachestat,
  execsnoop: parseExecsnoop,
  biosnoop: parseBiosnoop,
  ext4slower: fsSlower("ext4slower"),
  fsslower: fsSlower("fsslower"),
  btrfsslower: fsSlower("btrfsslower"),
  xfsslower: fsSlower("xfsslower"),
  zfsslower: fsSlower("zfsslower"),
  nfsslower: fsSlower("nfsslower"),
  f2fsslower: fsSlower("f2fsslower"),
};

// Decodes bytes for an analyzer that reads text.
const fromText =
  (analyze: TextAnalyzer): Analyzer =>
  (output, source) =>
    analyze(outputText(output), source);

export const ANALYZERS: Readonly<Record<string, Analyzer>> = {
  ...Object.fromEntries(Object.entries(TEXT_ANALYZERS).map(([tool, analyze]) => [tool, fromText(analyze)])),
  offcputime: stacks(STACKS_OPTIONS.offcputime),
  profile: stacks(STACKS_OPTIONS.profile),
};

export const ANALYZABLE_TOOLS = Object.keys(ANALYZERS);

// A parse function for one analyzable tool, for probe flavours that read the same output as `analyze TOOL`.
export const analyzerFor =
  (tool: string): Analyzer =>
  (output, source) => {
    const analyze = ANALYZERS[tool];
    if (analyze === undefined) throw new Error(`no analyzer registered for ${tool}`);
    return analyze(output, source);
  };

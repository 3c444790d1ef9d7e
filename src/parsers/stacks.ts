// Parses stack summaries of offcputime and profile (FORMATS.md 2.5, 2.7) in every layout:
// * multi-line, current bcc and libbpf-tools: frames indented 4, optional `    --` delimiter, `    -   comm (pid)`,
//   then the value indented 8 and an empty line;
// * multi-line, old bcc offcputime: no `- comm (pid)` line; the last indented line is the comm (pid null);
// * multi-line, 2016 profile: each frame prefixed by a 16-hex-digit address, which is dropped;
// * folded (-f): `comm;outermost;...;innermost value`, `-` or `--` between user and kernel frames, `_[k]` kept.
//
// Conventions: frames are innermost first (the leaf, where the thread blocked or was sampled, is frames[0]);
// folded lines are reversed to match. Delimiter frames (`-`, `--`) are dropped. Frame text is kept as printed
// (`[unknown]`, `[Missed User Stack]`, `sym+0x1f [kernel]`, `_[k]`, C++ names with spaces), except the address
// prefixes of the 2016 layout and of libbpf -v / bcc -A. Folded stacks have pid null. A stack printed without its
// count line (profile_example.txt 621-623) is kept with value 0 and an "incomplete" note. No frames is allowed.
//
// Runs: a banner starts a new measurement, as does a switch between multi-line and folded; an unrecognised line
// (the author's prose) ends the current one. An indented block that never gets a comm line or a count (usage
// examples in help text) is prose. Inside a folded run, or in a block that has its comm line, any other line is
// an error: that is how truncated output is caught.
//
// This parser is the reference: bytes (a file given to `bpftriage analyze`) first go through the fast path of
// stacks-bytes.ts, which reads only the common multi-line layout and hands anything else back here.

import type { Stack, StacksMeasurement } from "../model/measurement.js";
import { createLineScanner } from "./line-scanner.js";
import type { Note } from "./noise.js";
import { digitsAt, isBlank, parseFoldedLine, readCommLine, stripFrameAddress, TRACEBACK } from "./stack-lines.js";

export type StacksFlavour = "bcc" | "bcc-old" | "bcc-2016" | "libbpf-tools" | "folded" | "unknown";

export interface StacksOptions {
  tool: string;
  // This tool's banners; `bccBanner` tells bcc's from libbpf-tools' when both exist.
  banners: readonly RegExp[];
  bccBanner?: RegExp;
  // Banners that prove the text is another tool's output (profile's given to offcputime).
  foreignBanners?: readonly RegExp[];
  source?: string;
}

export interface StacksResult {
  flavour: StacksFlavour;
  measurements: StacksMeasurement[];
  notes: Note[];
}

interface Block {
  frames: string[];
  comm: string | undefined;
  pid: number | null;
  // Where the block starts, to give its lines back as notes when it turns out to be prose.
  firstLine: number;
  firstOffset: number;
  lastLine: number;
  addressed: boolean;
}

// Parses every stack run in a capture; throws ParseError on truncated or malformed stacks.
export const parseStacks = (text: string, options: StacksOptions): StacksResult => {
  const scanner = createLineScanner(options.tool, text, options.source);
  const { fail, notes } = scanner;
  const measurements: StacksMeasurement[] = [];
  let current: StacksMeasurement | undefined;
  let mode: "multi" | "folded" | undefined;
  let block: Block | undefined;
  let foldedStrict = false;
  let banner = false;
  let bannerFlavour: StacksFlavour | undefined;
  let layout: StacksFlavour | undefined;

  // Adds a stack to the current run, starting a new measurement at a change between multi-line and folded.
  const add = (stack: Stack, stackMode: "multi" | "folded", stackLayout: StacksFlavour): void => {
    if (current === undefined || mode !== stackMode) {
      current = { kind: "stacks", stacks: [] };
      measurements.push(current);
      mode = stackMode;
    }
    layout ??= stackLayout;
    current.stacks.push(stack);
  };

  // The layout a finished multi-line block shows: 2016 addresses, old (no comm line), or the banner's flavour.
  const blockLayout = (open: Block): StacksFlavour => (open.addressed ? "bcc-2016" : open.comm === undefined ? "bcc-old" : (bannerFlavour ?? "unknown"));

  // Ends the open block at a blank line, end of input or prose; `lineNo`/`rawLine` name the line that ended it.
  const endBlock = (lineNo: number, rawLine: string | undefined): void => {
    const open = block;
    if (open === undefined) return;
    block = undefined;
    if (open.comm !== undefined) {
      if (rawLine !== undefined) fail(lineNo, "the stack's count, indented by 8 spaces", rawLine);
      notes.push({ line: lineNo - 1, kind: "incomplete", text: `stack of ${open.comm} (${open.pid ?? "?"}) has no count line; kept with value 0` });
      add({ comm: open.comm, pid: open.pid, frames: open.frames, value: 0 }, "multi", blockLayout(open));
      return;
    }
    // Its indented lines become notes; noise lines inside it were noted when they were read.
    text
      .slice(open.firstOffset)
      .split("\n", open.lastLine - open.firstLine + 1)
      .forEach((raw, index) => {
        if (raw.startsWith("    ")) scanner.unrecognised(raw.endsWith("\r") ? raw.slice(0, -1) : raw, open.firstLine + index);
      });
    current = undefined;
  };

  // A frame line (indent 4). Hot path: it slices the frame straight out of the text, once.
  const frameLine = (from: number, stop: number, lineNo: number, lineStart: number): void => {
    if (block === undefined) block = { frames: [], comm: undefined, pid: null, firstLine: lineNo, firstOffset: lineStart, lastLine: lineNo, addressed: false };
    block.lastLine = lineNo;
    if (text.charCodeAt(from + 4) === 45) {
      const comm = readCommLine(text.slice(from, stop));
      if (comm === "delimiter") return;
      if (comm === "malformed") return fail(lineNo, "a `-                comm (pid)` line", text.slice(lineStart, stop));
      if (comm !== null) {
        if (block.comm !== undefined) fail(lineNo, "the stack's count after its `- comm (pid)` line", text.slice(lineStart, stop));
        block.comm = comm.comm;
        block.pid = comm.pid;
        return;
      }
    }
    if (block.comm !== undefined) fail(lineNo, "the stack's count after its `- comm (pid)` line", text.slice(lineStart, stop));
    let end = stop;
    while (end > from + 4 && isBlank(text.charCodeAt(end - 1))) end -= 1;
    const { frame, addressed } = stripFrameAddress(text.slice(from + 4, end));
    block.addressed ||= addressed;
    block.frames.push(frame);
  };

  // A count line (indent 8, digits): ends the open block.
  const valueLine = (value: number, lineNo: number, rawLine: () => string): void => {
    const open = block;
    if (open === undefined) return fail(lineNo, "stack frames (indented by 4 spaces) before a count", rawLine());
    block = undefined;
    if (open.comm !== undefined) {
      add({ comm: open.comm, pid: open.pid, frames: open.frames, value }, "multi", blockLayout(open));
      return;
    }
    const comm = open.frames.pop();
    if (comm === undefined) return fail(lineNo, "stack frames or a `- comm (pid)` line before the count", rawLine());
    add({ comm, pid: null, frames: open.frames, value }, "multi", blockLayout(open));
  };

  // Any other line: banners, folded stacks, noise and prose.
  const otherLine = (line: string, rawLine: string, lineNo: number): void => {
    if (scanner.skipNoise(line, lineNo)) return;
    if (block !== undefined) endBlock(lineNo, block.comm === undefined ? undefined : rawLine);
    if (options.foreignBanners?.some((pattern) => pattern.test(line))) fail(lineNo, `${options.tool} output`, rawLine);
    if (options.banners.some((pattern) => pattern.test(line))) {
      banner = true;
      bannerFlavour = options.bccBanner === undefined ? undefined : options.bccBanner.test(line) ? "bcc" : "libbpf-tools";
      notes.push({ line: lineNo, kind: "banner", text: line });
      current = undefined;
      return;
    }
    if (line.charCodeAt(0) !== 32 && (foldedStrict || line.includes(";"))) {
      const stack = parseFoldedLine(line);
      if (stack !== null) {
        add(stack, "folded", "folded");
        foldedStrict = true;
        return;
      }
    }
    if (foldedStrict) fail(lineNo, "a folded stack line `comm;frame;...;frame count`", rawLine);
    current = undefined;
    scanner.unrecognised(line, lineNo);
  };

  // The line loop works on offsets into the text, so frames and counts cost no line strings.
  const length = text.length;
  let lineStart = 0;
  let lastLine = 0;
  let tracing = false;
  while (lineStart < length) {
    lastLine += 1;
    const lineNo = lastLine;
    let newline = text.indexOf("\n", lineStart);
    if (newline === -1) newline = length;
    const stop = newline > lineStart && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    const start = lineStart;
    lineStart = newline + 1;
    if (tracing || text.startsWith(TRACEBACK, start)) {
      tracing = scanner.skipTraceback(text.slice(start, stop), lineNo);
      if (tracing) continue;
    }
    // A terminal's ^C glued to the start of the line.
    const from = text.charCodeAt(start) === 94 && text.charCodeAt(start + 1) === 67 ? start + 2 : start;
    let indent = 0;
    while (from + indent < stop && text.charCodeAt(from + indent) === 32) indent += 1;
    if (indent === 4 && from + 4 < stop) {
      foldedStrict = false;
      frameLine(from, stop, lineNo, start);
      continue;
    }
    if (indent === 8) {
      const value = digitsAt(text, from + 8, stop);
      if (value !== null) {
        valueLine(value, lineNo, () => text.slice(start, stop));
        continue;
      }
    }
    if (from + indent === stop && from !== start) {
      notes.push({ line: lineNo, kind: "interrupt", text: text.slice(start, stop) });
      continue;
    }
    if (from + indent === stop) {
      endBlock(lineNo, undefined);
      foldedStrict = false;
      continue;
    }
    otherLine(text.slice(from, stop), text.slice(start, stop), lineNo);
  }
  endBlock(lastLine + 1, undefined);

  scanner.requireEvidence(measurements.length > 0 || banner, `a ${options.tool} banner or stacks (frames indented by 4 spaces, or folded \`comm;frames count\` lines)`);
  return { flavour: layout === "unknown" || layout === undefined ? (bannerFlavour ?? "unknown") : layout, measurements, notes };
};

// The fast path of parseStacks for bytes (a file or pipe given to `bpftriage analyze`): one pass over the bytes of
// the common multi-line layout of libbpf-tools and bcc (frames indented 4, `-`/`--` delimiters, `- comm (pid)`,
// the count indented 8, an empty line), with banners and lone `^C` lines. Each distinct frame line is decoded once.
//
// It returns null at anything else (noise, prose, folded lines, the old layout without a comm line, a stack without
// its count, CRLF, bytes that are not UTF-8, a malformed line) and the caller decodes the bytes and runs
// parseStacks; so results, notes and errors (with their line numbers) are always those of the general parser.

import type { StacksMeasurement } from "../model/measurement.js";
import { NEWLINE, SPACE } from "./byte-codes.js";
import { classifyNoise, type Note } from "./noise.js";
import { StackBlockReader } from "./stack-block-reader.js";
import { TRACEBACK } from "./stack-lines.js";
import type { StacksFlavour, StacksOptions, StacksResult } from "./stacks.js";

// True when the general parser, outside a stack, takes the line for one of this tool's banners.
const isBanner = (line: string, options: StacksOptions): boolean =>
  !line.startsWith(TRACEBACK) &&
  (classifyNoise(line) ?? "banner") === "banner" &&
  !(options.foreignBanners?.some((pattern) => pattern.test(line)) ?? false) &&
  options.banners.some((pattern) => pattern.test(line));

// Parses stacks from bytes, or returns null when the general parser must read them.
export const parseStackBytes = (output: Uint8Array, options: StacksOptions): StacksResult | null => {
  // A plain view: indexing a Buffer (a Uint8Array subclass) is markedly slower in V8.
  const bytes = new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
  const length = bytes.byteLength;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, length);
  const reader = new StackBlockReader(bytes);
  const measurements: StacksMeasurement[] = [];
  const notes: Note[] = [];
  let current: StacksMeasurement | undefined;
  let banner = false;
  let bannerFlavour: StacksFlavour | undefined;
  let layout: StacksFlavour | undefined;
  let at = 0;
  let lineNo = 0;

  while (at < length) {
    const first = bytes[at];
    if (first === SPACE) {
      // A stack, from its first frame to its count.
      const next = reader.read(at);
      if (next === -1) return null;
      lineNo += reader.lines;
      if (current === undefined) {
        current = { kind: "stacks", stacks: [] };
        measurements.push(current);
      }
      layout ??= reader.addressed ? "bcc-2016" : (bannerFlavour ?? "unknown");
      current.stacks.push({ comm: reader.comm, pid: reader.pid, frames: reader.takeFrames(), value: reader.value });
      at = next;
      continue;
    }
    lineNo += 1;
    if (first === NEWLINE) {
      at += 1;
      continue;
    }
    // A line at indent 0 between stacks: a lone `^C` (a note) or a banner.
    const newline = bytes.indexOf(NEWLINE, at);
    const end = newline === -1 ? length : newline;
    const line = buffer.toString("utf8", at, end);
    if (line.includes("\uFFFD") || line.endsWith("\r")) return null;
    if (/^\^C *$/.test(line)) {
      notes.push({ line: lineNo, kind: "interrupt", text: line });
    } else {
      if (!isBanner(line, options)) return null;
      banner = true;
      bannerFlavour = options.bccBanner === undefined ? undefined : options.bccBanner.test(line) ? "bcc" : "libbpf-tools";
      notes.push({ line: lineNo, kind: "banner", text: line });
      current = undefined;
    }
    at = end + 1;
  }

  if (measurements.length === 0 && !banner) return null;
  return { flavour: layout === "unknown" || layout === undefined ? (bannerFlavour ?? "unknown") : layout, measurements, notes };
};

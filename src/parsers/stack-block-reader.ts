// Reads one multi-line stack from bytes for the stack fast path: frame lines indented 4, `-`/`--` delimiters, one
// `-                comm (pid)` line and the count indented 8. One call per stack keeps the hot code small, so
// V8 optimises it early in a run and no array of the run's results can throw it out of optimised code.

import { DASH, MAX_DIGITS, NEWLINE, NINE, SPACE, TAB, ZERO } from "./byte-codes.js";
import { CommReader } from "./comm-reader.js";
import { FrameReader } from "./frame-reader.js";

// Four spaces read as one little-endian 32-bit word.
const INDENT = 0x20202020;

// The stacks of one buffer, read one call per stack.
export class StackBlockReader {
  // The stack just read: its comm, pid and count, how many lines it took, and whether a frame had an address column.
  comm = "";
  pid = 0;
  value = 0;
  lines = 0;
  addressed = false;
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly frames: FrameReader;
  private readonly comms: CommReader;
  // Frame ids of the stack just read, innermost first.
  private ids: Int32Array = new Int32Array(256);
  private depth = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.frames = new FrameReader(bytes);
    this.comms = new CommReader(bytes);
  }

  // Reads the stack whose first line starts at `at` and returns where the line after its count starts, or -1 when
  // the general parser must read the input (any other line before the count, or a stack it would reject).
  read(at: number): number {
    const { bytes, view, frames, comms } = this;
    const { lengths } = frames;
    const length = bytes.byteLength;
    let ids = this.ids;
    let depth = 0;
    let delimiters = 0;
    let line = at;
    // Frame and delimiter lines up to the comm line; a count or anything else before it is for the general parser.
    for (;;) {
      if (line + 5 > length || view.getInt32(line, true) !== INDENT) return -1;
      const fifth = bytes[line + 4];
      if (fifth === DASH) {
        line = comms.read(line + 4);
        if (line === -1) return -1;
        if (comms.comm !== undefined) break;
        delimiters += 1;
        continue;
      }
      if (fifth === SPACE || fifth === NEWLINE) return -1;
      const id = frames.read(line + 4);
      if (id === -1) return -1;
      if (depth === ids.length) ids = this.grow();
      ids[depth++] = id;
      line += 5 + (lengths[id] ?? 0);
    }
    this.comm = comms.comm;
    this.pid = comms.pid;
    this.depth = depth;
    this.addressed = frames.anyAddressed && ids.subarray(0, depth).some((id) => frames.addressed[id] === true);
    // Delimiters may follow the comm line; then the count, digits and blanks, ends the stack.
    let lines = depth + delimiters + 2;
    for (; line + 8 <= length && view.getInt32(line, true) === INDENT; lines++) {
      const fifth = bytes[line + 4];
      if (fifth === DASH) {
        line = comms.read(line + 4);
        if (line === -1 || comms.comm !== undefined) return -1;
        continue;
      }
      const first = bytes[line + 8] ?? NEWLINE;
      if (view.getInt32(line + 4, true) !== INDENT || first < ZERO || first > NINE) return -1;
      let digit = line + 8;
      let value = 0;
      for (let byte = first; byte >= ZERO && byte <= NINE; byte = bytes[++digit] ?? NEWLINE) value = value * 10 + byte - ZERO;
      if (digit - line - 8 > MAX_DIGITS) return -1;
      while (bytes[digit] === SPACE || bytes[digit] === TAB) digit += 1;
      if (digit < length && bytes[digit] !== NEWLINE) return -1;
      this.value = value;
      this.lines = lines;
      return digit + 1;
    }
    return -1;
  }

  // The frames of the stack just read, as a new array.
  takeFrames(): string[] {
    const { depth, ids } = this;
    const names = this.frames.frames;
    const frames = new Array<string>(depth);
    for (let index = 0; index < depth; index++) frames[index] = names[ids[index] ?? 0] ?? "";
    return frames;
  }

  // Doubles the frame id array, for a stack deeper than any before.
  private grow(): Int32Array {
    const grown = new Int32Array(2 * this.ids.length);
    grown.set(this.ids);
    this.ids = grown;
    return grown;
  }
}

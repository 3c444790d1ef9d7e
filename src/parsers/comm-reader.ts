// Reads the `    -                comm (pid)` lines of a byte buffer for the stack fast path, with the comm names
// interned. Only the plain form is read (printable ASCII comm, `(digits)` at the very end of the line); anything
// else sends the whole input to the general parser, whose regular expression is the reference.

import { CLOSE, DASH, MAX_DIGITS, NEWLINE, NINE, OPEN, SPACE, TILDE, ZERO } from "./byte-codes.js";

// Four spaces and four newlines as little-endian 32-bit words.
const SPACES = 0x20202020;
const NEWLINES = 0x0a0a0a0a;
// The name cache has 2^8 entries, indexed by the top bits of a hash.
const CACHE_SHIFT = 24;

// The `- comm (pid)` and delimiter lines of one buffer, comm names interned.
export class CommReader {
  // The comm and pid of the line just read; comm is undefined after a `-` or `--` delimiter line.
  comm: string | undefined;
  pid = 0;
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly buffer: Buffer;
  // Interned names by a hash of their bytes (one name per hash); a name remembers where it was first read, to
  // compare bytes.
  private readonly byHash = new Map<number, number>();
  private readonly cache = new Int32Array(1 << (32 - CACHE_SHIFT));
  private readonly names: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  // Reads the line whose `-` is at `dash` into comm and pid (no object per line) and returns where the next line
  // starts, or -1 when the general parser must read the input.
  read(dash: number): number {
    const { bytes, view } = this;
    this.comm = undefined;
    const first = bytes[dash + 1];
    if (first === undefined || first === NEWLINE) return dash + 2;
    if (first === DASH) {
      const second = bytes[dash + 2];
      return second === undefined || second === NEWLINE ? dash + 3 : -1;
    }
    if (first !== SPACE) return -1;
    const length = bytes.byteLength;
    let start = dash + 1;
    while (start + 4 <= length && view.getInt32(start, true) === SPACES) start += 4;
    while (bytes[start] === SPACE) start += 1;
    const end = this.lineEnd(start);
    // Backwards from the end: `)`, the pid's digits, `(`, a space; the comm is everything before.
    let at = end - 1;
    if (bytes[at] !== CLOSE) return -1;
    let pid = 0;
    let scale = 1;
    for (let byte = bytes[--at] ?? 0; byte >= ZERO && byte <= NINE && at > start; byte = bytes[--at] ?? 0) {
      pid += (byte - ZERO) * scale;
      scale *= 10;
    }
    const digits = end - 2 - at;
    if (digits === 0 || digits > MAX_DIGITS || bytes[at] !== OPEN || bytes[at - 1] !== SPACE || at - 1 <= start) return -1;
    const comm = this.intern(start, at - 1);
    if (comm === undefined) return -1;
    this.comm = comm;
    this.pid = pid;
    return end + 1;
  }

  // Where the line that `from` is in ends (its newline, or the end of the bytes), four bytes at a time: the lowest
  // byte of a word that is a newline is the lowest set bit of the classic has-zero-byte test on word ^ 0x0a0a0a0a.
  private lineEnd(from: number): number {
    const { bytes, view } = this;
    let at = from;
    for (; at + 4 <= bytes.byteLength; at += 4) {
      const word = view.getInt32(at, true) ^ NEWLINES;
      const zero = (word - 0x01010101) & ~word & 0x80808080;
      if (zero !== 0) return at + ((31 - Math.clz32(zero & -zero)) >>> 3);
    }
    while (at < bytes.byteLength && bytes[at] !== NEWLINE) at += 1;
    return at;
  }

  // The comm in bytes[start, end), decoded once per distinct name; undefined when a byte is not printable ASCII.
  // A small direct-mapped cache by hash answers the common case without a Map lookup.
  private intern(start: number, end: number): string | undefined {
    const { bytes } = this;
    let hash = 0;
    for (let index = start; index < end; index++) {
      const byte = bytes[index] ?? 0;
      if (byte < SPACE || byte > TILDE) return undefined;
      hash = Math.imul(hash ^ byte, 0x01000193);
    }
    const cached = (this.cache[Math.imul(hash, 0x9e3779b1) >>> CACHE_SHIFT] ?? 0) - 1;
    if (cached >= 0 && this.sameName(cached, start, end)) return this.names[cached];
    let id = this.byHash.get(hash);
    if (id === undefined || !this.sameName(id, start, end)) {
      const name = this.buffer.toString("latin1", start, end);
      // A name whose hash another name took is decoded each time (rare), never confused with it.
      if (id !== undefined) return name;
      id = this.names.length;
      this.byHash.set(hash, id);
      this.names.push(name);
      this.starts.push(start);
      this.ends.push(end);
    }
    this.cache[Math.imul(hash, 0x9e3779b1) >>> CACHE_SHIFT] = id + 1;
    return this.names[id];
  }

  // True when bytes[start, end) are the bytes the name with this id was read from.
  private sameName(id: number, start: number, end: number): boolean {
    const { bytes } = this;
    const from = this.starts[id] ?? 0;
    if ((this.ends[id] ?? 0) - from !== end - start) return false;
    for (let index = 0; index < end - start; index++) if (bytes[from + index] !== bytes[start + index]) return false;
    return true;
  }
}

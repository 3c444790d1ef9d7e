// Reads the frame lines of a byte buffer for the stack fast path: each distinct line is decoded once and given the
// general parser's frame rules (trailing blanks dropped, address prefixes stripped); repeats are found by the trie.

import { NEWLINE } from "./byte-codes.js";
import { LineTrie } from "./line-trie.js";
import { isBlank, stripFrameAddress } from "./stack-lines.js";

// Decoding a line costs several times what the general parser spends on one: when more than one frame line in
// RATIO is new (after the first LEARNT_FREELY), as with the addressed frames of the 2016 layout, the fast path declines.
const LEARNT_FREELY = 4096;
const RATIO = 8;

// The frame lines of one buffer, each distinct one decoded once.
export class FrameReader {
  // By id: the frame as the general parser gives it, whether an address column was dropped (2016 profile layout),
  // and the length in bytes of the line's text, newline excluded.
  readonly frames: string[] = [];
  readonly addressed: boolean[] = [];
  readonly lengths: number[] = [];
  // Whether any frame had an address column, so the common case never looks at `addressed`.
  anyAddressed = false;
  private readonly bytes: Uint8Array;
  private readonly buffer: Buffer;
  private readonly trie: LineTrie;
  private readonly ids = new Map<string, number>();
  private reads = 0;
  private learnt = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.trie = new LineTrie(bytes);
  }

  // The id of the frame whose text starts at `at` (after the 4-space indent), or -1 when the general parser must
  // read the input: bytes that are not valid UTF-8, a CRLF line end, or too many distinct lines.
  read(at: number): number {
    this.reads += 1;
    const id = this.trie.find(at);
    return id === -1 ? this.learn(at) : id;
  }

  // Decodes a line the trie does not know; lines with the same text share an id.
  private learn(at: number): number {
    this.learnt += 1;
    if (this.learnt > LEARNT_FREELY && this.learnt * RATIO > this.reads) return -1;
    const newline = this.bytes.indexOf(NEWLINE, at);
    const end = newline === -1 ? this.bytes.byteLength : newline;
    const text = this.buffer.toString("utf8", at, end);
    if (text.includes("\uFFFD") || text.endsWith("\r")) return -1;
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.frames.length;
      let kept = text.length;
      while (kept > 0 && isBlank(text.charCodeAt(kept - 1))) kept -= 1;
      const stripped = stripFrameAddress(text.slice(0, kept));
      this.frames.push(stripped.frame);
      this.addressed.push(stripped.addressed);
      this.anyAddressed ||= stripped.addressed;
      this.lengths.push(end - at);
      this.ids.set(text, id);
    }
    if (newline !== -1) this.trie.add(at, newline, id);
    return id;
  }
}

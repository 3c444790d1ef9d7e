// Recognises lines of a byte buffer that were seen before, so the stack fast path decodes each distinct frame line
// once and pays a few word compares for every repeat.
//
// A known line is a path of 16-byte chunks from its first byte: a chunk without the line's newline is an inner
// edge, the chunk holding it is the last edge and carries the line's value. Chunks are compared exactly, as four
// 32-bit words; the last one also holds the bytes after the newline, so a short line is learnt once per distinct
// text that follows it (table space only). Every chunk of a path is compared, so a line is found only when its
// bytes up to and including its newline are those of the line that was added.
//
// A class, not closures: V8 inlines its methods into the parse loop however many buffers a process parses.

// Slots of an empty table; it doubles when half full, up to 2^20 slots (32 MB). A full table learns no more
// lines (they are then decoded again where they recur), and values and nodes stay below 2^29 to fit a target.
const INITIAL_BITS = 12;
const MAX_BITS = 20;
const MAX_ID = 1 << 29;
const CHUNK = 16;
// A slot is 8 int32 in one array, so a probe touches one cache line: the node the edge leaves plus one (0: free
// slot), the chunk's four words, and the target: the child node times two, or the line's value times two plus one
// for a last edge.
const SLOT = 8;
const OWNER = 0;
const WORDS = 1;
const TARGET = 5;

// The known lines of one buffer.
export class LineTrie {
  private readonly view: DataView;
  // The last offset a whole chunk can be read at.
  private readonly lastChunk: number;
  private bits = INITIAL_BITS;
  private table = new Int32Array(SLOT << INITIAL_BITS);
  private used = 0;
  private nodes = 1;

  constructor(bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.lastChunk = bytes.byteLength - CHUNK;
  }

  // The value of the known line that starts at `at`, or -1 (unknown, or too close to the end to read as words).
  find(at: number): number {
    const { view, lastChunk } = this;
    let node = 0;
    for (let chunk = at; chunk <= lastChunk; chunk += CHUNK) {
      const slot = this.slotOf(node, view.getInt32(chunk, true), view.getInt32(chunk + 4, true), view.getInt32(chunk + 8, true), view.getInt32(chunk + 12, true));
      if (this.table[slot + OWNER] === 0) return -1;
      const target = this.table[slot + TARGET] ?? 0;
      if ((target & 1) === 1) return target >>> 1;
      node = target >>> 1;
    }
    return -1;
  }

  // Learns the line that starts at `at` and whose newline is at `newline`; a line too close to the end is skipped.
  add(at: number, newline: number, value: number): void {
    const { view, lastChunk } = this;
    if (value >= MAX_ID) return;
    let node = 0;
    for (let chunk = at; chunk <= lastChunk; chunk += CHUNK) {
      const w0 = view.getInt32(chunk, true);
      const w1 = view.getInt32(chunk + 4, true);
      const w2 = view.getInt32(chunk + 8, true);
      const w3 = view.getInt32(chunk + 12, true);
      const last = newline < chunk + CHUNK;
      let slot = this.slotOf(node, w0, w1, w2, w3);
      if (this.table[slot + OWNER] === 0) {
        if (this.nodes >= MAX_ID) return;
        if (2 * (this.used + 1) > 1 << this.bits) {
          if (this.bits === MAX_BITS) return;
          this.grow();
          slot = this.slotOf(node, w0, w1, w2, w3);
        }
        this.table.set([node + 1, w0, w1, w2, w3, last ? 2 * value + 1 : 2 * this.nodes++], slot);
        this.used += 1;
      }
      if (last) return;
      node = (this.table[slot + TARGET] ?? 0) >>> 1;
    }
  }

  // The offset of the slot holding the edge, or of the free slot where it belongs; the home slot is the top bits
  // of a multiplicative hash of the node and the (rotated) words.
  private slotOf(node: number, w0: number, w1: number, w2: number, w3: number): number {
    const { table } = this;
    const mask = (1 << this.bits) - 1;
    const mixed = w0 ^ ((w1 << 7) | (w1 >>> 25)) ^ ((w2 << 14) | (w2 >>> 18)) ^ ((w3 << 21) | (w3 >>> 11)) ^ node;
    for (let index = Math.imul(mixed, 0x9e3779b1) >>> (32 - this.bits); ; index = (index + 1) & mask) {
      const slot = index * SLOT;
      const owner = table[slot + OWNER];
      if (owner === 0) return slot;
      if (owner === node + 1 && table[slot + WORDS] === w0 && table[slot + WORDS + 1] === w1 && table[slot + WORDS + 2] === w2 && table[slot + WORDS + 3] === w3) return slot;
    }
  }

  // Doubles the table and re-inserts every edge.
  private grow(): void {
    const old = this.table;
    this.bits += 1;
    this.table = new Int32Array(SLOT << this.bits);
    for (let from = 0; from < old.length; from += SLOT) {
      const owner = old[from + OWNER] ?? 0;
      if (owner === 0) continue;
      const words = old.subarray(from + WORDS, from + WORDS + 4);
      const slot = this.slotOf(owner - 1, words[0] ?? 0, words[1] ?? 0, words[2] ?? 0, words[3] ?? 0);
      this.table.set(old.subarray(from, from + SLOT), slot);
    }
  }
}

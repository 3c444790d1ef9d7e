import { describe, expect, it } from "vitest";
import { LineTrie } from "../../src/parsers/line-trie.js";
import { createRandom } from "./mutations.js";

// Lines of every length from 1 to 48 bytes that differ from each other in a single byte at every position, each
// twice, shuffled: the table grows several times and most probes pass slots of other edges.
const nearDuplicates = (): string[] => {
  const random = createRandom(42);
  const base = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL";
  const lines = new Set<string>();
  for (let length = 1; length <= base.length; length++) {
    for (let position = 0; position < length; position++) {
      for (const replacement of "#~ \t") lines.add(base.slice(0, position) + replacement + base.slice(position + 1, length));
    }
    lines.add(base.slice(0, length));
  }
  const twice = [...lines, ...lines];
  for (let index = twice.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [twice[index], twice[other]] = [twice[other] ?? "", twice[index] ?? ""];
  }
  return twice;
};

// Each line followed by the same padding line, so that a line's last chunk (which holds the bytes after its newline)
// is the same at every occurrence.
const PADDING = "~".repeat(16);

describe("line trie", () => {
  it("finds every line it learnt by its exact bytes, and never gives another line's value", () => {
    const lines = nearDuplicates();
    const bytes = Buffer.from(`${lines.map((line) => `${line}\n${PADDING}\n`).join("")}${"\n".repeat(16)}`);
    const trie = new LineTrie(bytes);
    const ids = new Map<string, number>();
    let at = 0;
    for (const line of lines) {
      const known = ids.get(line);
      expect(trie.find(at), JSON.stringify(line)).toBe(known ?? -1);
      if (known === undefined) {
        ids.set(line, ids.size);
        trie.add(at, at + line.length, ids.size - 1);
      }
      at += line.length + PADDING.length + 2;
    }
    expect(ids.size).toBe(lines.length / 2);
  });

  it("tells a short line apart by what follows it, and never reads past the end", () => {
    const bytes = Buffer.from("schedule\n    a\nschedule\n    b\nschedule\n    a\nschedule\n");
    const trie = new LineTrie(bytes);
    trie.add(0, 8, 7);
    expect(trie.find(15)).toBe(-1);
    expect(trie.find(30)).toBe(7);
    // The last line is within 16 bytes of the end: it is never read as words.
    expect(trie.find(45)).toBe(-1);
  });
});

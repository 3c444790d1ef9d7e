import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readMemberOffsets } from "../../src/exec/btf-member-offset.js";

const dir = mkdtempSync(join(tmpdir(), "bpftriage-btf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A minimal BTF blob: an INT, a struct "file" with a plain member and a bitfield, and a PTR, built by hand from the
// kernel's documented layout (docs.kernel.org/bpf/btf.html), so the reader is tested without a kernel.
const buildBtf = (): Buffer => {
  const strings = Buffer.from("\0int\0file\0f_pos\0f_bits\0", "latin1");
  const at = (name: string): number => strings.indexOf(Buffer.from(`\0${name}\0`, "latin1")) + 1;
  const words: number[] = [
    at("int"), (1 << 24) | 0, 4, 0x20, // INT, size 4, 32 bits
    at("file"), (1 << 31) | (4 << 24) | 2, 16, // STRUCT with kind_flag (bitfield encoding), 2 members, size 16
    at("f_pos"), 1, 64, // plain member at bit 64
    at("f_bits"), 1, (3 << 24) | 96, // 3-bit bitfield at bit 96
    0, (2 << 24) | 0, 2, // PTR to type 2
  ];
  const types = Buffer.alloc(words.length * 4);
  words.forEach((word, index) => types.writeUInt32LE(word >>> 0, index * 4));
  const header = Buffer.alloc(24);
  header.writeUInt16LE(0xeb9f, 0);
  header.writeUInt8(1, 2);
  header.writeUInt32LE(24, 4);
  header.writeUInt32LE(0, 8);
  header.writeUInt32LE(types.length, 12);
  header.writeUInt32LE(types.length, 16);
  header.writeUInt32LE(strings.length, 20);
  return Buffer.concat([header, types, strings]);
};

describe("readMemberOffsets", () => {
  it("finds plain members by struct and member name, leaves bitfields and unknown names undefined", () => {
    const path = join(dir, "vmlinux");
    writeFileSync(path, buildBtf());
    expect(readMemberOffsets(["file.f_pos", "file.f_bits", "file.nope", "task_struct.files"], path)).toEqual({
      "file.f_pos": 8,
      "file.f_bits": undefined,
      "file.nope": undefined,
      "task_struct.files": undefined,
    });
  });

  it("says what it expected when the file is not BTF", () => {
    const path = join(dir, "garbage");
    writeFileSync(path, "not btf at all, just text");
    expect(() => readMemberOffsets(["file.f_pos"], path)).toThrow(/expected kernel BTF \(magic 0xeb9f\), received 25 bytes starting 6e6f7420/);
  });

  it.runIf(process.platform === "linux")("reads this kernel's BTF when it has one", () => {
    let offsets;
    try {
      offsets = readMemberOffsets(["task_struct.files", "file.f_pos"]);
    } catch (error) {
      console.log(`skipped: no readable kernel BTF here (${String(error)})`);
      return;
    }
    expect(offsets["task_struct.files"]).toBeGreaterThan(0);
    expect(offsets["file.f_pos"]).toBeGreaterThan(0);
  });
});

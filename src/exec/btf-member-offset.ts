// Reads byte offsets of struct members from the kernel's BTF (/sys/kernel/btf/vmlinux), so a shipped bpftrace
// script can read `curtask->files` or `file->f_pos` through a raw offset. Naming those members makes bpftrace 0.17
// turn task_struct's whole type graph into C and parse it with clang: about 1.2 s of CPU per member on this
// project's VM, most of the cost of a two-second probe.
//
// Format: https://docs.kernel.org/bpf/btf.html (header, type section, string section; little-endian on x86 and arm64).

import { readFileSync } from "node:fs";

export const VMLINUX_BTF = "/sys/kernel/btf/vmlinux";

const BTF_MAGIC = 0xeb9f;
const KIND_STRUCT = 4;

// Bytes that follow the 12-byte common header of a BTF type, by kind (vlen = number of members/params/values).
const extraBytes = (kind: number, vlen: number): number => {
  switch (kind) {
    case 1: // INT
    case 14: // VAR
    case 17: // DECL_TAG
      return 4;
    case 3: // ARRAY
      return 12;
    case 4: // STRUCT
    case 5: // UNION
    case 15: // DATASEC
    case 19: // ENUM64
      return 12 * vlen;
    case 6: // ENUM
    case 13: // FUNC_PROTO
      return 8 * vlen;
    default: // PTR, FWD, TYPEDEF, VOLATILE, CONST, RESTRICT, FUNC, FLOAT, TYPE_TAG
      return 0;
  }
};

export type MemberOffsets = Record<string, number | undefined>;

// Finds, in one pass over the BTF, the byte offset of each wanted "struct.member" (e.g. "task_struct.files");
// a member that is missing, or a bitfield, stays undefined. Throws when the file is not BTF.
export const readMemberOffsets = (wanted: readonly string[], path: string = VMLINUX_BTF): MemberOffsets => {
  const bytes = readFileSync(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 24 || view.getUint16(0, true) !== BTF_MAGIC) {
    throw new Error(`${path}: expected kernel BTF (magic 0xeb9f), received ${bytes.byteLength} bytes starting ${bytes.subarray(0, 4).toString("hex")}`);
  }
  const headerLength = view.getUint32(4, true);
  const typeStart = headerLength + view.getUint32(8, true);
  const typeEnd = typeStart + view.getUint32(12, true);
  const stringStart = headerLength + view.getUint32(16, true);
  const strings = bytes.subarray(stringStart, stringStart + view.getUint32(20, true));
  // BTF stores each distinct string once, so a name is matched by its offset: no string is decoded per type.
  const offsetOf = (text: string): number => {
    const at = strings.indexOf(Buffer.from(`\0${text}\0`, "latin1"));
    return at === -1 ? -1 : at + 1;
  };
  const found: MemberOffsets = Object.fromEntries(wanted.map((item) => [item, undefined]));
  // struct name offset -> (member name offset -> "struct.member")
  const byStruct = new Map<number, Map<number, string>>();
  for (const item of wanted) {
    const [struct, member] = item.split(".");
    if (struct === undefined || member === undefined) throw new Error(`expected "struct.member", received "${item}"`);
    const structOffset = offsetOf(struct);
    const memberOffset = offsetOf(member);
    if (structOffset === -1 || memberOffset === -1) continue;
    byStruct.set(structOffset, (byStruct.get(structOffset) ?? new Map<number, string>()).set(memberOffset, item));
  }
  let at = typeStart;
  while (at + 12 <= typeEnd) {
    const info = view.getUint32(at + 4, true);
    const kind = (info >>> 24) & 0x1f;
    const vlen = info & 0xffff;
    const members = kind === KIND_STRUCT ? byStruct.get(view.getUint32(at, true)) : undefined;
    const bitfields = info >>> 31 === 1;
    for (let index = 0; members !== undefined && index < vlen; index++) {
      const member = at + 12 + 12 * index;
      const key = members.get(view.getUint32(member, true));
      // The first definition of a name wins (vmlinux has one; modules are separate files).
      if (key === undefined || found[key] !== undefined) continue;
      const raw = view.getUint32(member + 8, true);
      const bitOffset = bitfields ? raw & 0xffffff : raw;
      const bitSize = bitfields ? raw >>> 24 : 0;
      if (bitSize === 0 && bitOffset % 8 === 0) found[key] = bitOffset / 8;
    }
    at += 12 + extraBytes(kind, vlen);
  }
  return found;
};

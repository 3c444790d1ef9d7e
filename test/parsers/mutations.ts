// Seeded random edits of tool output, shared by the parser fuzz test and the stack fast-path differential test.

// mulberry32: a small seeded PRNG, so a failing case can be replayed from its seed.
export const createRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const NOISE = "0123456789 :;|[]()-@{}',.*+^C\tK\u0000\u00ffabcxyz_/\n";

// One random edit of the text: cut, duplicate, delete, corrupt, swap lines, or splice in a line of a donor text.
export const mutate = (text: string, random: () => number, donors: readonly string[]): string => {
  const pick = (n: number): number => Math.floor(random() * n);
  const lines = text.split("\n");
  const at = pick(lines.length);
  switch (pick(6)) {
    case 0:
      return text.slice(0, pick(text.length + 1));
    case 1:
      lines.splice(at, 0, lines[at] ?? "");
      break;
    case 2:
      lines.splice(at, 1);
      break;
    case 3: {
      const line = lines[at] ?? "";
      const start = pick(line.length + 1);
      const junk = Array.from({ length: 1 + pick(4) }, () => NOISE[pick(NOISE.length)]).join("");
      lines[at] = line.slice(0, start) + junk + line.slice(start + pick(4));
      break;
    }
    case 4: {
      const other = pick(lines.length);
      [lines[at], lines[other]] = [lines[other] ?? "", lines[at] ?? ""];
      break;
    }
    default: {
      const donor = donors[pick(donors.length)]?.split("\n") ?? [];
      lines.splice(at, 0, donor[pick(donor.length)] ?? "");
    }
  }
  return lines.join("\n");
};

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../src/model/errors.js";
import { parseStackBytes } from "../../src/parsers/stacks-bytes.js";
import { parseStacks, type StacksOptions, type StacksResult } from "../../src/parsers/stacks.js";
import { ANALYZERS, STACKS_OPTIONS } from "../../src/probes/analyzers.js";
import { fixturePath } from "../helpers/fixtures.js";
import { createRandom, mutate } from "./mutations.js";
import { peerFixtures } from "./peer-fixtures.js";

type StackTool = keyof typeof STACKS_OPTIONS;

interface Capture {
  name: string;
  tool: StackTool;
  bytes: Buffer;
}

// Every stack capture in fixtures/: libbpf-tools runs, the recorded bundles' offcputime steps, and the bcc peer runs.
const CAPTURES: readonly Capture[] = [
  ...readdirSync(fixturePath("offcputime"))
    .filter((file) => file.endsWith(".txt"))
    .map((file) => ({ name: `offcputime/${file}`, tool: "offcputime" as const, bytes: readFileSync(fixturePath("offcputime", file)) })),
  ...readdirSync(fixturePath("bundles"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(fixturePath("bundles", entry.name, "steps", "offcputime.stdout")))
    .map((entry) => entry.name)
    .map((bundle) => ({ name: `bundles/${bundle}`, tool: "offcputime" as const, bytes: readFileSync(fixturePath("bundles", bundle, "steps", "offcputime.stdout")) })),
  ...peerFixtures()
    .filter((fixture): fixture is { path: string; tool: StackTool } => fixture.tool === "offcputime" || fixture.tool === "profile")
    .map((fixture) => ({ name: `peer/${fixture.path}`, tool: fixture.tool, bytes: readFileSync(fixturePath("peer", fixture.path)) })),
];

// Captures the fast path must read itself: libbpf-tools output, and bcc runs without noise lines or the old layout.
const HANDLED = [
  ...CAPTURES.filter((capture) => !capture.name.startsWith("peer/")).map((capture) => capture.name),
  "peer/bcc/profile/default.txt",
  "peer/bcc/profile/duration.txt",
  "peer/bcc/profile/idle.txt",
  "peer/bcc/profile/user-stacks.txt",
  "peer/bcc/profile-2016/duration.txt",
];

// Frames that share 4, 12, 15, 16 and 30 leading bytes and end on every side of a 16-byte boundary, so a compare
// that skipped a word, or a line end found one byte off, would confuse them; and frames in UTF-8.
const SYMBOLS = [
  "__schedule", "schedule", "schedule_timeout", "futex_wait_queue", "do_syscall_64", "do_syscall_32_irqs_on", "abcdefghijklXYZ1",
  "abcdefghijklXYZ2", "abcdefghijklXYZ", "abcdefghijklXYZ12", "abcdefghijklXYZ1 ", "abcdefghijklmnopqrstuvwxyz0123456789", "abcdefghijklmnopqrstuvwxyz0123456788",
  "entry_SYSCALL_64_after_hwframe", "[unknown]", "[Missed User Stack]", "std::condition_variable::wait(std::unique_lock<std::mutex>&)",
  "std::condition_variable::wait(std::unique_lock<std::mutex>&, int)", "pthread_cond_wait@@GLIBC_2.3.2", "x", "clone3", "naïve_wait", "日本語::関数()",
];
const COMMS = ["postgres", "rs:main Q:Reg", "kworker/u8:2", "(sd-pam)", "a (1)", "node"];

// A bench-style dump (FORMATS.md 2.5): frames indented 4, `-`/`--` delimiters, `- comm (pid)`, the count indented 8.
const generatedDump = (seed: number, stacks: number, banner: string): string => {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const parts = [banner];
  for (let index = 0; index < stacks; index++) {
    const depth = Math.floor(random() * 20);
    for (let frame = 0; frame < depth; frame++) parts.push(random() < 0.03 ? pick(["    --\n", "    -\n"]) : `    ${pick(SYMBOLS)}\n`);
    parts.push(`    -                ${pick(COMMS)} (${Math.floor(random() * 100000)})\n`, `        ${Math.floor(random() * 5_000_000)}\n\n`);
  }
  return parts.join("");
};

const GENERATED: readonly Capture[] = [
  { name: "generated, no banner", tool: "offcputime", bytes: Buffer.from(generatedDump(1, 3000, "")) },
  { name: "generated, bcc banner", tool: "offcputime", bytes: Buffer.from(generatedDump(2, 300, "Tracing off-CPU time (us) of all threads by user + kernel stack... Hit Ctrl-C to end.\n^C\n")) },
  { name: "generated, profile", tool: "profile", bytes: Buffer.from(generatedDump(3, 300, "Sampling at 49 Hertz of all threads by user + kernel stack for 5 secs.\n")) },
];

// The general parser's answer for the bytes the analyzer would decode: its result, or the error it throws.
const general = (bytes: Uint8Array, options: StacksOptions): StacksResult | Error => {
  try {
    return parseStacks(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"), options);
  } catch (error) {
    return error as Error;
  }
};

// Fails unless the fast path declines the bytes or gives exactly the general parser's result; true when it read them.
const agrees = (bytes: Uint8Array, options: StacksOptions, label: string): boolean => {
  const fast = parseStackBytes(bytes, options);
  if (fast === null) return false;
  expect(fast, label).toStrictEqual(general(bytes, options));
  return true;
};

// Byte-level edits the text mutations cannot make: invalid UTF-8, a CR, a NUL, a BOM, a multi-byte character.
const BYTE_NOISE = [[0xff], [0xc3], [0xe2, 0x82], [0x0d], [0x00], [0xef, 0xbb, 0xbf], [0xc3, 0xa9], [0x09], [0x20]];
const mutateBytes = (bytes: Uint8Array, random: () => number): Uint8Array => {
  const at = Math.floor(random() * (bytes.length + 1));
  const noise = BYTE_NOISE[Math.floor(random() * BYTE_NOISE.length)] ?? [];
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(noise), bytes.subarray(at + Math.floor(random() * 2))]);
};

const MUTATIONS = 4000;

describe("stack fast path (bytes)", () => {
  it.each(CAPTURES.map((capture) => [capture.name, capture] as const))("declines or agrees with the general parser on %s", (_name, capture) => {
    agrees(capture.bytes, STACKS_OPTIONS[capture.tool], capture.name);
  });

  it("reads the libbpf-tools captures, the recorded bundles and the plain bcc runs itself", () => {
    const read = CAPTURES.filter((capture) => agrees(capture.bytes, STACKS_OPTIONS[capture.tool], capture.name)).map((capture) => capture.name);
    expect(read).toEqual(expect.arrayContaining(HANDLED));
  });

  it.each(GENERATED.map((capture) => [capture.name, capture] as const))("reads a bench-style dump itself (%s)", (_name, capture) => {
    expect(agrees(capture.bytes, STACKS_OPTIONS[capture.tool], capture.name)).toBe(true);
  });

  it(`declines or agrees on ${MUTATIONS} seeded mutations of the captures, and reads over one in eight`, () => {
    // Every capture, with those the fast path reads twice over, so that many mutants are still read.
    const handled = CAPTURES.filter((capture) => HANDLED.includes(capture.name));
    const corpus = [...CAPTURES, ...handled, ...GENERATED.map((capture) => ({ ...capture, bytes: capture.bytes.subarray(0, 20_000) }))];
    const donors = corpus.map((capture) => capture.bytes.toString("utf8"));
    let read = 0;
    for (let seed = 1; seed <= MUTATIONS; seed++) {
      const random = createRandom(seed);
      const capture = corpus[Math.floor(random() * corpus.length)];
      if (capture === undefined) continue;
      let bytes: Uint8Array = capture.bytes;
      const edits = 1 + Math.floor(random() * 3);
      for (let edit = 0; edit < edits; edit++) {
        bytes = random() < 0.25 ? mutateBytes(bytes, random) : Buffer.from(mutate(Buffer.from(bytes).toString("utf8"), random, donors));
      }
      if (agrees(bytes, STACKS_OPTIONS[capture.tool], `seed ${seed} (${capture.name})`)) read += 1;
    }
    expect(read).toBeGreaterThan(MUTATIONS / 8);
  });

  it("reads addressed frames (2016 layout) while they repeat, and declines when nearly every frame line is new", () => {
    // A profile-2016 dump: each frame prefixed by its 16-hex-digit address; `distinct` addresses in all.
    const addressed = (distinct: number): Buffer => {
      const parts = ["Sampling at 49 Hertz of all threads by user + kernel stack... Hit Ctrl-C to end.\n^C\n"];
      for (let stack = 0; stack < 2000; stack++) {
        for (let frame = 0; frame < 10; frame++) parts.push(`    ${(0xffff81000000 + ((stack * 10 + frame) % distinct)).toString(16).padStart(16, "0")} func_${frame}\n`);
        parts.push(`    -                cp (${stack})\n        1\n\n`);
      }
      return Buffer.from(parts.join(""));
    };
    const repeating = addressed(500);
    expect(agrees(repeating, STACKS_OPTIONS.profile, "500 addresses")).toBe(true);
    expect(parseStackBytes(repeating, STACKS_OPTIONS.profile)?.flavour).toBe("bcc-2016");
    expect(parseStackBytes(addressed(20_000), STACKS_OPTIONS.profile)).toBeNull();
  });

  it("gives the analyzers the same result and the same error for bytes as for text", () => {
    const truncated = Buffer.from(generatedDump(4, 50, "").replace(/\n {8}\d+\n\n$/, "\n"));
    const foreign = Buffer.concat([Buffer.from("Sampling at 49 Hertz of all threads by user + kernel stack... Hit Ctrl-C to end.\n"), GENERATED[0]?.bytes ?? Buffer.alloc(0)]);
    for (const bytes of [CAPTURES[0]?.bytes ?? Buffer.alloc(0), truncated, foreign, Buffer.from("\n\n")]) {
      const text = bytes.toString("utf8");
      const outcome = (input: string | Uint8Array): unknown => {
        try {
          return ANALYZERS.offcputime?.(input, "capture.txt");
        } catch (error) {
          return error instanceof ParseError ? { message: error.message, details: error.details } : error;
        }
      };
      expect(outcome(bytes)).toStrictEqual(outcome(text));
    }
  });
});

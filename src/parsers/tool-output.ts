// A tool's output as the analyzers receive it: text (live runs, replays, tests) or the bytes of a file or pipe,
// which parsers with a byte-level fast path read without decoding the whole output first.

export type ToolOutput = string | Uint8Array;

// The output as text: bytes are decoded exactly as `readFile(file, "utf8")` decodes them (a BOM is kept).
export const outputText = (output: ToolOutput): string =>
  typeof output === "string" ? output : Buffer.from(output.buffer, output.byteOffset, output.byteLength).toString("utf8");

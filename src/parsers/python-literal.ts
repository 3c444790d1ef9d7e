// Reads the Python literals bcc prints with print(dict) (biolatency -j, FORMATS.md 1.4) without eval:
// dicts, lists, tuples, 'single' and "double" quoted strings, b'bytes' (read as text), ints, floats,
// True/False/None. Anything else is refused with the offset where reading stopped.

export type PythonValue = string | number | boolean | null | PythonValue[] | { [key: string]: PythonValue };

export class PythonLiteralError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = "PythonLiteralError";
    this.offset = offset;
  }
}

const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0" };
const NUMBER = /-?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+)/y;
const WORD = /[A-Za-z_]+/y;
// Deep nesting is never printed by the tools; refusing it keeps hostile input from exhausting the stack.
const MAX_DEPTH = 32;

// A small recursive-descent reader over one line of text.
class Reader {
  private pos = 0;

  constructor(private readonly text: string) {}

  // Reads the whole text as one value; trailing characters are an error.
  readAll(): PythonValue {
    const value = this.value(0);
    this.space();
    if (this.pos !== this.text.length) this.error("end of the literal");
    return value;
  }

  // Stops reading, saying what was expected where.
  private error(expected: string): never {
    throw new PythonLiteralError(`expected ${expected} at offset ${this.pos}`, this.pos);
  }

  // Skips whitespace between tokens.
  private space(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? "")) this.pos += 1;
  }

  // Reads any value; depth guards against deeply nested input.
  private value(depth: number): PythonValue {
    if (depth > MAX_DEPTH) this.error(`at most ${MAX_DEPTH} nested containers`);
    this.space();
    const char = this.text[this.pos];
    if (char === "{") return this.dict(depth);
    if (char === "[") return this.sequence("]", depth);
    if (char === "(") return this.sequence(")", depth);
    if (char === "'" || char === '"') return this.string();
    if (char === "b" && (this.text[this.pos + 1] === "'" || this.text[this.pos + 1] === '"')) {
      this.pos += 1;
      return this.string();
    }
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.text);
    if (number) {
      this.pos = NUMBER.lastIndex;
      return Number(number[0]);
    }
    WORD.lastIndex = this.pos;
    const word = WORD.exec(this.text)?.[0];
    if (word === "True" || word === "False" || word === "None") {
      this.pos += word.length;
      return word === "None" ? null : word === "True";
    }
    return this.error("a value");
  }

  // Reads `{key: value, ...}` with string or number keys.
  private dict(depth: number): { [key: string]: PythonValue } {
    const result: { [key: string]: PythonValue } = {};
    this.pos += 1;
    this.space();
    if (this.text[this.pos] === "}") {
      this.pos += 1;
      return result;
    }
    for (;;) {
      const key = this.value(depth + 1);
      if (typeof key !== "string" && typeof key !== "number") this.error("a string or number key");
      this.space();
      if (this.text[this.pos] !== ":") this.error("':'");
      this.pos += 1;
      Object.defineProperty(result, String(key), { value: this.value(depth + 1), enumerable: true, writable: true, configurable: true });
      this.space();
      const next = this.text[this.pos];
      this.pos += 1;
      if (next === "}") return result;
      if (next !== ",") {
        this.pos -= 1;
        this.error("',' or '}'");
      }
      this.space();
      if (this.text[this.pos] === "}") {
        this.pos += 1;
        return result;
      }
    }
  }

  // Reads a list or a tuple (both become arrays).
  private sequence(close: "]" | ")", depth: number): PythonValue[] {
    const result: PythonValue[] = [];
    this.pos += 1;
    this.space();
    if (this.text[this.pos] === close) {
      this.pos += 1;
      return result;
    }
    for (;;) {
      result.push(this.value(depth + 1));
      this.space();
      const next = this.text[this.pos];
      this.pos += 1;
      if (next === close) return result;
      if (next !== ",") {
        this.pos -= 1;
        this.error(`',' or '${close}'`);
      }
      this.space();
      if (this.text[this.pos] === close) {
        this.pos += 1;
        return result;
      }
    }
  }

  // Reads a quoted string with Python escapes (\xNN, \n, ...).
  private string(): string {
    const quote = this.text[this.pos];
    this.pos += 1;
    let out = "";
    for (;;) {
      const char = this.text[this.pos];
      if (char === undefined) return this.error(`closing ${quote}`);
      this.pos += 1;
      if (char === quote) return out;
      if (char !== "\\") {
        out += char;
        continue;
      }
      const escaped = this.text[this.pos] ?? "";
      this.pos += 1;
      if (escaped === "x") {
        const hex = this.text.slice(this.pos, this.pos + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) this.error("two hex digits after \\x");
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.pos += 2;
        continue;
      }
      out += ESCAPES[escaped] ?? `\\${escaped}`;
    }
  }
}

// Parses one Python literal; throws PythonLiteralError (with the offset) on anything else.
export const parsePythonLiteral = (text: string): PythonValue => new Reader(text).readAll();

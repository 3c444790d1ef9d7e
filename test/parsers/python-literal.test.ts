import { describe, expect, it } from "vitest";
import { parsePythonLiteral, PythonLiteralError } from "../../src/parsers/python-literal.js";

describe("parsePythonLiteral", () => {
  it("reads dicts, lists, tuples, quotes, bytes, numbers and constants", () => {
    expect(parsePythonLiteral(`{'a': [1, -2.5, (3,)], "b": b'sda', 'c': True, 'd': None, 'e': 'it\\'s', 'f': b'\\x41',}`)).toEqual({
      a: [1, -2.5, [3]],
      b: "sda",
      c: true,
      d: null,
      e: "it's",
      f: "A",
    });
  });

  it("refuses anything that is not a literal, with the offset", () => {
    for (const text of ["__import__('os')", "{'a': 1", "{'a' 1}", "[1, 2] + [3]", "'open", "{'a': lambda: 1}"]) {
      expect(() => parsePythonLiteral(text)).toThrow(PythonLiteralError);
    }
    try {
      parsePythonLiteral("{'a': x}");
    } catch (error) {
      expect((error as PythonLiteralError).offset).toBe(6);
    }
  });

  it("does not let a key named __proto__ change the prototype", () => {
    const value = parsePythonLiteral("{'__proto__': {'polluted': 1}}") as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__"]);
  });

  it("refuses deeply nested input instead of overflowing the stack", () => {
    expect(() => parsePythonLiteral(`${"[".repeat(10_000)}${"]".repeat(10_000)}`)).toThrow(PythonLiteralError);
  });
});

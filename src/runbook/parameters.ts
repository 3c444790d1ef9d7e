// Runbook parameters: steps say "$name", the runbook declares name's type and default, `--param` overrides it.

import type { RunbookProblem } from "./check.js";
import { parameterSchema, type RunbookParameter } from "./schema.js";

const REFERENCE = /^\$([a-zA-Z][a-zA-Z0-9]*)$/;

export type Resolution = { ok: true; value: unknown; values: Record<string, number | boolean | string> } | { ok: false; problems: RunbookProblem[] };

// Converts a command-line override to the declared type, or says what was expected.
const convert = (name: string, declared: RunbookParameter, text: string): number | boolean | string | RunbookProblem => {
  switch (declared.type) {
    case "number": {
      const value = Number(text);
      return Number.isFinite(value) && text.trim() !== "" ? value : { path: ["parameters", name], message: `--param ${name}: expected a number, received "${text}"` };
    }
    case "boolean":
      return text === "true" ? true : text === "false" ? false : { path: ["parameters", name], message: `--param ${name}: expected true or false, received "${text}"` };
    case "string":
      return text;
  }
};

// Replaces every "$name" string under `node`, collecting undeclared names with their path.
const substitute = (node: unknown, path: Array<string | number>, scope: Scope): unknown => {
  if (typeof node === "string") {
    const name = REFERENCE.exec(node)?.[1];
    if (name === undefined) return node;
    if (!scope.declared.has(name)) scope.problems.push({ path, message: `"${node}" names no parameter (declare it under parameters:)` });
    return scope.values[name] ?? node;
  }
  if (Array.isArray(node)) return node.map((item, index) => substitute(item, [...path, index], scope));
  if (typeof node === "object" && node !== null) {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, substitute(value, [...path, key], scope)]));
  }
  return node;
};

interface Scope {
  declared: ReadonlySet<string>;
  values: Readonly<Record<string, unknown>>;
  problems: RunbookProblem[];
}

// Resolves the parameters of raw runbook data (as parsed from YAML) before schema validation.
export const resolveParameters = (raw: unknown, overrides: Readonly<Record<string, string>> = {}): Resolution => {
  if (typeof raw !== "object" || raw === null) return { ok: true, value: raw, values: {} };
  const record = raw as Record<string, unknown>;
  const declared = typeof record.parameters === "object" && record.parameters !== null ? (record.parameters as Record<string, unknown>) : {};
  const problems: RunbookProblem[] = [];
  const values: Record<string, number | boolean | string> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const parsed = parameterSchema.safeParse(spec);
    if (!parsed.success) continue;
    const override = overrides[name];
    const value = override === undefined ? parsed.data.default : convert(name, parsed.data, override);
    if (typeof value === "object") problems.push(value);
    else values[name] = value;
  }
  for (const name of Object.keys(overrides)) {
    if (!(name in declared)) problems.push({ path: ["parameters"], message: `--param ${name}: the runbook declares no such parameter (it has: ${Object.keys(declared).join(", ") || "none"})` });
  }
  const steps = substitute(record.steps, ["steps"], { declared: new Set(Object.keys(declared)), values, problems });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { ...record, steps }, values };
};

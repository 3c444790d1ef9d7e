// Renders the report markdown with handlebars (the only handlebars import) and writes it atomically.

import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import type { Report } from "../model/report.js";
import { buildReportView } from "./view.js";

// Templates ship as source files; this path works from both src/report and dist/report.
export const TEMPLATE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "report", "templates");

// The build's precompiled templates (precompileTemplates); also found from src/report when run through tsx.
export const PRECOMPILED_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "templates");

const TEMPLATE = "report.md.hbs";
// Markdown is not HTML, so nothing is escaped.
const OPTIONS = { noEscape: true, strict: false } as const;

// What the build writes per template: the hash of the source it was compiled from, and handlebars' JavaScript for it.
interface Precompiled {
  sha256: string;
  spec: string;
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

// Writes each template's precompiled form, so a run skips handlebars' parser and compiler (about 60 ms of CPU here).
export const precompileTemplates = (outDir = PRECOMPILED_DIR): void => {
  mkdirSync(outDir, { recursive: true });
  const source = readFileSync(join(TEMPLATE_DIR, TEMPLATE), "utf8");
  const precompiled: Precompiled = { sha256: sha256(source), spec: String(Handlebars.precompile(source, OPTIONS)) };
  writeFileSync(join(outDir, `${TEMPLATE}.json`), JSON.stringify(precompiled));
};

export type LoadedTemplate = { from: "precompiled" | "source"; render: Handlebars.TemplateDelegate };

// The report template: the build's precompiled form when it was made from the current source, else compiled here.
export const loadTemplate = (precompiledDir = PRECOMPILED_DIR): LoadedTemplate => {
  const source = readFileSync(join(TEMPLATE_DIR, TEMPLATE), "utf8");
  const file = join(precompiledDir, `${TEMPLATE}.json`);
  const precompiled = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Precompiled) : undefined;
  if (precompiled?.sha256 !== sha256(source)) return { from: "source", render: Handlebars.compile(source, OPTIONS) };
  // The spec is the object literal handlebars' precompiler printed from this very source at build time.
  const spec = new Function(`return ${precompiled.spec};`)() as ReturnType<typeof Handlebars.precompile>;
  return { from: "precompiled", render: Handlebars.template(spec) };
};

let loaded: LoadedTemplate | undefined;

// Produces the markdown text of a report.
export const renderReport = (report: Report): string => {
  loaded ??= loadTemplate();
  return loaded.render(buildReportView(report));
};

// A file name that sorts by time and says which box it came from.
export const reportFileName = (startedAt: Date, host = hostname()): string =>
  `${startedAt.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-")}-${host.replace(/[^A-Za-z0-9._-]/g, "_")}.md`;

// Writes via a temp file and rename so readers never see half a report; mode 0640.
export const writeReportAtomically = (path: string, text: string): void => {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o640 });
  chmodSync(temp, 0o640);
  renameSync(temp, path);
};

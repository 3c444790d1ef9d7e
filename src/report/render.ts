// Renders the report markdown with handlebars (the only handlebars import) and writes it atomically.

import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import type { Report } from "../model/report.js";
import { buildReportView } from "./view.js";

// Templates ship as source files; this path works from both src/report and dist/report.
export const TEMPLATE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "report", "templates");

let compiled: Handlebars.TemplateDelegate | undefined;

// Compiles the template once per process; markdown is not HTML, so nothing is escaped.
const template = (): Handlebars.TemplateDelegate => {
  compiled ??= Handlebars.compile(readFileSync(join(TEMPLATE_DIR, "report.md.hbs"), "utf8"), { noEscape: true, strict: false });
  return compiled;
};

// Produces the markdown text of a report.
export const renderReport = (report: Report): string => template()(buildReportView(report));

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

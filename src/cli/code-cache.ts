// Loads the bundled CLI through vm.Script with V8's code cache, which the build records next to the bundle: a start
// then deserialises compiled code instead of compiling 2 MB of JavaScript (about 100 ms of CPU on this project's VM;
// Node 20 has no compile cache for modules). A cache from another Node or V8 version is rejected by V8, and the
// bundle is then compiled as usual.

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";

// What the bundle (app.ts) exports.
export interface CliApp {
  startCli(argv: string[]): void;
}

export interface LoadedApp {
  app: CliApp;
  script: Script;
}

// The bundle and its code cache, in the folder of the bin.
export const appFiles = (dir: string): { bundle: string; cache: string } => ({
  bundle: join(dir, "bpftriage-app.cjs"),
  cache: join(dir, "bpftriage-app.cjs.cache"),
});

// The cache as the build wrote it, or undefined when there is none (V8 then compiles from source).
export const readCodeCache = (file: string): Buffer | undefined => (existsSync(file) ? readFileSync(file) : undefined);

// Evaluates the CommonJS bundle as Node's module wrapper would; nothing starts until startCli is called.
export const loadApp = (bundle: string, cachedData?: Buffer): LoadedApp => {
  const source = readFileSync(bundle, "utf8");
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
  const module: { exports: unknown } = { exports: {} };
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  wrapper(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  const app = module.exports as Partial<CliApp>;
  if (typeof app.startCli !== "function") throw new Error(`${bundle}: expected a bundle exporting startCli(argv), received exports ${Object.keys(module.exports as object).join(", ") || "(none)"}`);
  return { app: app as CliApp, script };
};

// Locates bpftriage's native tracepoint tools (src/probes/native/*.c, built by scripts/build-native.sh into
// dist/native/) and gives their flavour entries what they share: the binary's absolute path, and the reason to
// show when it was not built (the build skips it on a box without clang and libbpf-dev).

import { join } from "node:path";
import type { FlavourSpec } from "./probe.js";
import { PACKAGE_ROOT } from "./script-path.js";

export const NATIVE_DIR = join(PACKAGE_ROOT, "dist", "native");

// The absolute path of a native tool by name, e.g. "cachestat-tp" -> <package>/dist/native/cachestat-tp.
export const nativeTool = (name: string): string => join(NATIVE_DIR, name);

// Why a native flavour cannot run when its binary is missing, and how to get it.
export const nativeToolNotBuilt = (name: string): string =>
  `dist/native/${name} is not built: npm run build builds it when clang and libbpf-dev are installed (scripts/install-tools.sh)`;

// The fields of a bpftriage-native flavour that come from the tool's name. debianPackage names what the build
// needs (with clang); no package installs the binary itself, so `bpftriage setup` never offers it.
export const nativeFlavour = (name: string): Pick<FlavourSpec<unknown>, "flavour" | "executable" | "debianPackage" | "notInstalled" | "stopBy"> => ({
  flavour: "bpftriage-native",
  executable: nativeTool(name),
  debianPackage: "libbpf-dev",
  notInstalled: nativeToolNotBuilt(name),
  stopBy: "exit",
});

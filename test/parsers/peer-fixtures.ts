// Lists the peer fixtures (runs cut from the bcc/bpftrace example files) with the analyzer tool each belongs to.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fixturePath } from "../helpers/fixtures.js";

export interface PeerFixture {
  // Path below fixtures/peer, e.g. "bcc/profile-2016/default.txt".
  path: string;
  // `bpftriage analyze` tool name.
  tool: string;
}

// Folder names that are not tool names.
const TOOL_OF_FOLDER: Readonly<Record<string, string>> = { "profile-2016": "profile" };
// Help texts kept for other tests; they are not tool output.
const NOT_OUTPUT = new Set(["usage.txt"]);

// Every run file under fixtures/peer/<flavour>/<tool>/.
export const peerFixtures = (): PeerFixture[] => {
  const root = fixturePath("peer");
  const fixtures: PeerFixture[] = [];
  for (const flavour of readdirSync(root, { withFileTypes: true })) {
    if (!flavour.isDirectory()) continue;
    for (const folder of readdirSync(join(root, flavour.name), { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      const tool = TOOL_OF_FOLDER[folder.name] ?? folder.name;
      for (const file of readdirSync(join(root, flavour.name, folder.name)).sort()) {
        if (file.endsWith(".txt") && !NOT_OUTPUT.has(file)) fixtures.push({ path: `${flavour.name}/${folder.name}/${file}`, tool });
      }
    }
  }
  return fixtures;
};

// Writes runbooks/runbook.schema.json from the zod schema; a test fails when the committed file drifts.
import { writeFileSync } from "node:fs";
import { runbookJsonSchema } from "../src/runbook/schema.js";

writeFileSync(new URL("../runbooks/runbook.schema.json", import.meta.url), `${JSON.stringify(runbookJsonSchema(), null, 2)}\n`);
console.log("wrote runbooks/runbook.schema.json");

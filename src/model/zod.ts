// The one import site of zod: schemas everywhere else import `z` from here.
import { z } from "zod";

// Each schema here parses a handful of values once per process (a runbook, probe parameters, a bundle), so zod's
// generated fast path would cost more to compile with `new Function` than it saves.
z.config({ jitless: true });

export { z };
export type { ZodType } from "zod";

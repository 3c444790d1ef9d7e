// The one import site of zod: schemas everywhere else import `z` from here.
export { z } from "zod";
export type { ZodType } from "zod";

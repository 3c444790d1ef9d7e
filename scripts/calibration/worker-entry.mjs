// Worker-thread bootstrap: Node 20 does not apply the parent's `--import tsx` to a worker's entry module, so the
// worker registers tsx itself and then loads the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");

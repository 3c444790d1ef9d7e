// Node options the bin runs with (its shebang line), which callers that start the bundle as `node FILE` pass too.
// --v8-pool-size=0 runs V8's garbage-collector and compiler helpers on the main thread instead of four background
// threads. Those threads contended with our own main thread while a tool traced: on an idle 2-vCPU box runqlat
// measured the observer's own threads waiting 1-8 ms for a CPU (26 of about 400 wake-ups), and a 10 s runqlat step
// reported cpu-contention on a healthy box. With the option: at most 3 such wake-ups in 10 runs, all healthy.
export const NODE_FLAGS: readonly string[] = ["--v8-pool-size=0"];

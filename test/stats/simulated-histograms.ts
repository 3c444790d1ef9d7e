// Seeded simulated log2 histograms for the stats tests: samples drawn in log2 space and binned like bcc.
import type { Bucket } from "../../src/model/measurement.js";
import { createRng, type Rng } from "../../src/stats/rng.js";

// One mixture component: `count` samples with log2 value ~ Normal(log2Centre, sigma), or uniform on [from, to) log2.
export type Component =
  | { kind: "log-normal"; count: number; log2Centre: number; sigma: number }
  | { kind: "log-uniform"; count: number; from: number; to: number };

// Draw one log2 value from a component.
function drawLog2(rng: Rng, component: Component): number {
  if (component.kind === "log-normal") return component.log2Centre + component.sigma * rng.normal();
  return component.from + (component.to - component.from) * rng.uniform();
}

// bcc-style buckets: [0, 2) then [2^j, 2^(j+1)) up to the highest occupied bucket.
export function simulateHistogram(components: readonly Component[], seed: number): Bucket[] {
  const rng = createRng(seed);
  const slots: number[] = [0];
  for (const component of components) {
    for (let s = 0; s < component.count; s++) {
      const x = drawLog2(rng, component);
      const slot = x < 1 ? 0 : Math.floor(x);
      while (slots.length <= slot) slots.push(0);
      slots[slot] = (slots[slot] ?? 0) + 1;
    }
  }
  return slots.map((count, j) => (j === 0 ? { low: 0, high: 2, count } : { low: 2 ** j, high: 2 ** (j + 1), count }));
}

// Buckets from a list of counts starting at [2^firstExp, 2^(firstExp+1)).
export function bucketsFromCounts(counts: readonly number[], firstExp: number): Bucket[] {
  return counts.map((count, i) => ({ low: 2 ** (firstExp + i), high: 2 ** (firstExp + i + 1), count }));
}

import { describe, expect, it } from "vitest";
import { topStacks } from "../../src/cli/measurement-text.js";
import type { Stack } from "../../src/model/measurement.js";
import { createRandom } from "../parsers/mutations.js";

describe("top stacks", () => {
  it("picks what a stable sort by value, descending, then a slice picks, ties in input order", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = createRandom(seed);
      const stacks: Stack[] = Array.from({ length: Math.floor(random() * 60) }, (_, index) => ({
        comm: `c${index}`,
        pid: index,
        frames: [],
        // Few distinct values, so ties are common.
        value: Math.floor(random() * 8),
      }));
      const count = Math.floor(random() * 12);
      expect(topStacks(stacks, count), `seed ${seed}`).toEqual([...stacks].sort((a, b) => b.value - a.value).slice(0, count));
    }
  });
});

import { describe, expect, it } from "vitest";
import { parseCachestat } from "../../src/parsers/cachestat.js";
import { readFixture } from "../helpers/fixtures.js";

describe("parseCachestat", () => {
  it("reads the rows, a negative MISSES and the last row glued to ^C", () => {
    const parsed = parseCachestat(readFixture("peer", "bcc", "cachestat", "miss-burst.txt"));
    expect(parsed.flavour).toBe("bcc");
    const [series] = parsed.measurements;
    expect(series?.columns).toEqual(["HITS", "MISSES", "DIRTIES", "HITRATIO", "BUFFERS_MB", "CACHED_MB"]);
    // bcc tools/cachestat_example.txt lines 8-15.
    expect(series?.rows).toHaveLength(8);
    expect(series?.rows[0]).toEqual({ HITS: 1132, MISSES: 0, DIRTIES: 4, HITRATIO: 100, BUFFERS_MB: 277, CACHED_MB: 4367 });
    expect(series?.rows[3]).toEqual({ HITS: 17154, MISSES: 13750, DIRTIES: 15, HITRATIO: 55.51, BUFFERS_MB: 277, CACHED_MB: 4422 });
    expect(series?.rows[7]).toEqual({ HITS: 0, MISSES: -19, DIRTIES: 360, HITRATIO: 0, BUFFERS_MB: 277, CACHED_MB: 4423 });
    // Line 16.
    expect(parsed.notes).toContainEqual({ line: 10, kind: "detaching", text: "Detaching..." });
  });

  it("reads longer runs", () => {
    const [read] = parseCachestat(readFixture("peer", "bcc", "cachestat", "uncached-read.txt")).measurements;
    // Lines 26-59: 34 rows; line 53 is the first warm second.
    expect(read?.rows).toHaveLength(34);
    expect(read?.rows[27]).toMatchObject({ HITS: 79536, MISSES: 34, HITRATIO: 99.96 });
    const [write] = parseCachestat(readFixture("peer", "bcc", "cachestat", "write-dirties.txt")).measurements;
    // Lines 70-73.
    expect(write?.rows.map((row) => row.DIRTIES)).toEqual([0, 165584, 96505, 0]);
  });

  it("reads -T output with a TIME column", () => {
    const text = "TIME         HITS   MISSES  DIRTIES HITRATIO   BUFFERS_MB  CACHED_MB\n21:10:01     1132        0        4  100.00%          277       4367\n";
    expect(parseCachestat(text).measurements[0]?.rows).toEqual([{ TIME: "21:10:01", HITS: 1132, MISSES: 0, DIRTIES: 4, HITRATIO: 100, BUFFERS_MB: 277, CACHED_MB: 4367 }]);
  });
});

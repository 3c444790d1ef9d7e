import { describe, expect, it } from "vitest";
import { ParseError } from "../../src/model/errors.js";
import { parseRunqslower } from "../../src/parsers/runqslower.js";
import { readFixture } from "../helpers/fixtures.js";

describe("parseRunqslower", () => {
  it("reads -P events with the previous task from this machine's capture", () => {
    const parsed = parseRunqslower(readFixture("runqslower", "prev-task.txt"));
    const [events] = parsed.measurements;
    expect(events?.columns).toEqual(["TIME", "COMM", "TID", "LAT(us)", "PREV COMM", "PREV TID"]);
    expect(events?.rows).toHaveLength(538);
    const hogVictims = events?.rows.filter((row) => row.COMM === "burst-hog").length;
    const hogHolders = events?.rows.filter((row) => row["PREV COMM"] === "burst-hog").length;
    expect(hogVictims).toBe(483);
    expect(hogHolders).toBe(408);
  });

  it("reads events without -P", () => {
    const parsed = parseRunqslower(readFixture("runqslower", "plain.txt"));
    expect(parsed.measurements[0]?.columns).toEqual(["TIME", "COMM", "TID", "LAT(us)"]);
    expect(parsed.measurements[0]?.rows).toHaveLength(652);
    const max = Math.max(...(parsed.measurements[0]?.rows.map((row) => Number(row["LAT(us)"])) ?? []));
    expect(max).toBe(1084005);
  });

  it("keeps a quiet run as an empty table", () => {
    const parsed = parseRunqslower(readFixture("runqslower", "quiet.txt"));
    expect(parsed.measurements).toHaveLength(1);
    expect(parsed.measurements[0]?.rows).toEqual([]);
  });

  it("reads the bcc example (kernel build) exactly", () => {
    const parsed = parseRunqslower(readFixture("peer", "bcc", "runqslower", "kernel-build.txt"));
    // bcc tools/runqslower_example.txt line 17: the first event.
    expect(parsed.measurements[0]?.rows[0]).toEqual({ TIME: "04:16:32", COMM: "cc1", TID: 12924, "LAT(us)": 12739 });
  });

  it("reads a command name with spaces by column position", () => {
    const text = "TIME     COMM             TID           LAT(us) PREV COMM        PREV TID\n04:25:12 rs:main Q:Reg    2123             8010 my worker 2      2124  \n";
    const row = parseRunqslower(text).measurements[0]?.rows[0];
    expect(row).toEqual({ TIME: "04:25:12", COMM: "rs:main Q:Reg", TID: 2123, "LAT(us)": 8010, "PREV COMM": "my worker 2", "PREV TID": 2124 });
  });

  it("names the line of a malformed event row", () => {
    const text = "TIME     COMM             TID           LAT(us)\n04:16:32 cc1              12924           12739\n04:16:32 cc1              12x24\n";
    expect(() => parseRunqslower(text)).toThrow(ParseError);
    expect(() => parseRunqslower(text)).toThrow(/:3: expected an event row/);
  });
});

describe("parseRunqslower on the libbpf-tools example", () => {
  it("reads the banner ending in `us.`, the empty line and the events", () => {
    const parsed = parseRunqslower(readFixture("peer", "libbpf-tools", "runqslower", "kernel-build.txt"));
    // bcc libbpf-tools/runqslower_example.txt lines 9-24: 13 events, the first cc1 12739 us (line 12), the slowest
    // gcc 23519 us (line 23).
    expect(parsed.notes[0]).toEqual({ line: 1, kind: "banner", text: "Tracing run queue latency higher than 10000 us." });
    const rows = parsed.measurements[0]?.rows ?? [];
    expect(rows).toHaveLength(13);
    expect(rows[0]).toEqual({ TIME: "04:16:32", COMM: "cc1", TID: 12924, "LAT(us)": 12739 });
    expect(rows[11]).toEqual({ TIME: "04:16:32", COMM: "gcc", TID: 13678, "LAT(us)": 23519 });
    expect(Math.max(...rows.map((row) => Number(row["LAT(us)"])))).toBe(23519);
  });
});

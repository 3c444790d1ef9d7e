// Rule: page-cache misses at a high rate with a poor hit ratio -> cache-thrash, naming the reading process.

import type { CacheThrashFinding, Finding } from "../model/finding.js";
import type { RootCause } from "../model/report.js";
import { formatShare } from "./format.js";

// Builds the cache-thrash root cause.
export const diagnoseCacheThrash = (findings: readonly Finding[]): RootCause[] => {
  const finding = findings.find((f): f is CacheThrashFinding => f.kind === "cache-thrash");
  if (finding === undefined) return [];
  const reader = finding.readers[0];
  const mbPerSec = ((finding.missesPerSec * 4096) / (1024 * 1024)).toFixed(0);
  const ratio = finding.hitRatio === null ? "unknown" : `${finding.hitRatio}%`;
  return [
    {
      id: "cache-thrash",
      confidence: reader ? 0.8 : 0.6,
      severity: finding.hitRatio !== null && finding.hitRatio < 50 ? "critical" : "warning",
      summary: `the page cache misses ${finding.missesPerSec} pages/s (${mbPerSec} MiB/s read from disk), hit ratio ${ratio}${reader ? `; ${reader.comm} causes ${formatShare(reader.share)} of the misses` : ""}`,
      culprits: reader ? [{ kind: "process", name: reader.comm, ...(reader.pid === null ? {} : { pid: reader.pid }), share: reader.share }] : [],
      evidence: [
        {
          step: finding.stepId,
          probe: "cachestat",
          statistic: "page-cache misses per second and hit ratio",
          detail: `${finding.missesPerSec} misses/s, hit ratio ${ratio}${finding.readers.map((r) => `; ${r.comm} ${r.misses} pages`).join("")}`,
        },
      ],
      recommendations: [
        `Give ${reader?.comm ?? "the reader"} a memory limit that fits its working set, or make it read with O_DIRECT / posix_fadvise(POSIX_FADV_DONTNEED) so it stops evicting everyone else's pages.`,
        "If the working set simply exceeds RAM, add memory or shrink the data set read per pass.",
      ],
    },
  ];
};

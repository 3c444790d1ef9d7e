// Typed measurements that every parser produces and every detector reads (DESIGN.md "Contracts").

// One histogram bucket: half-open [low, high) in the histogram's unit; high is null when open-ended.
export interface Bucket {
  low: number;
  high: number | null;
  count: number;
}

export type HistogramUnit = "usecs" | "msecs" | "nsecs" | "secs" | "bytes" | "kbytes" | "count" | (string & {});

export interface Quantiles {
  p50: number | null;
  p90: number | null;
  p99: number | null;
  p999: number | null;
}

export type ShapeVerdict = "unimodal" | "multimodal" | "inconclusive";
export type TailKind = "none" | "island" | "tail-hump" | "heavy";

export interface Mode {
  low: number;
  high: number;
  peak: number;
  mass: number;
}

export interface Shape {
  verdict: ShapeVerdict;
  pValue: number | null;
  modes: Mode[];
  tail: TailKind;
}

export interface HistogramMeasurement {
  kind: "histogram";
  labels: Record<string, string>;
  unit: HistogramUnit;
  // "log2" for power-of-two grids, "linear" for fixed-step grids.
  scale: "log2" | "linear";
  buckets: Bucket[];
  total: number;
  // True when the top bucket is the tool's clamped last slot ("at least" its low edge).
  topCensored: boolean;
  timestamp?: string;
  // How many interval histograms were summed into this one (absent for a single interval).
  intervals?: number;
  quantiles?: Quantiles;
  shape?: Shape;
}

export interface EventsMeasurement {
  kind: "events";
  columns: string[];
  rows: Array<Record<string, string | number>>;
}

export interface Stack {
  comm: string;
  pid: number | null;
  frames: string[];
  value: number;
}

export interface StacksMeasurement {
  kind: "stacks";
  stacks: Stack[];
}

export interface SeriesMeasurement {
  kind: "series";
  columns: string[];
  rows: Array<Record<string, string | number>>;
}

export type Measurement = HistogramMeasurement | EventsMeasurement | StacksMeasurement | SeriesMeasurement;

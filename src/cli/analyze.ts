// `bpftriage analyze TOOL [FILE|-] [--json]`: parse and analyse output a user already has.

import { describeHistogram } from "../detectors/index.js";
import { UsageError } from "../model/errors.js";
import type { Measurement } from "../model/measurement.js";
import { ANALYZABLE_TOOLS, ANALYZERS } from "../probes/analyzers.js";
import { buildMeasurementText } from "./measurement-text.js";
import { readInput } from "./read-input.js";

export interface AnalyzeOptions {
  json?: boolean;
}

// Parses the input and prints either the JSON contract object or a readable summary.
export const analyzeCommand = async (tool: string, file: string | undefined, options: AnalyzeOptions): Promise<number> => {
  const analyzer = ANALYZERS[tool];
  if (analyzer === undefined) throw new UsageError(`unknown tool "${tool}": expected one of ${ANALYZABLE_TOOLS.join(", ")}`);
  const { output, source } = await readInput(file);
  const parsed = analyzer(output, source);
  const measurements: Measurement[] = parsed.measurements.map((m) => (m.kind === "histogram" ? describeHistogram(m) : m));
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ tool, flavour: parsed.flavour, measurements }, null, 2)}\n`);
  } else {
    process.stdout.write(`${tool} (${parsed.flavour}), ${source}: ${measurements.length} measurement${measurements.length === 1 ? "" : "s"}\n\n`);
    process.stdout.write(measurements.length === 0 ? "no events recorded\n" : `${measurements.map(buildMeasurementText).join("\n\n")}\n`);
  }
  return 0;
};

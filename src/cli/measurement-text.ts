// The readable form of one measurement for `analyze` without --json.

import type { Measurement } from "../model/measurement.js";
import { drawHistogram } from "../report/draw-histogram.js";
import { describeShape, eventsTable, labelTitle } from "../report/view.js";

// Renders a measurement: histograms redrawn with quantiles and humps, events slowest first.
export const buildMeasurementText = (measurement: Measurement): string => {
  switch (measurement.kind) {
    case "histogram": {
      const stamp = measurement.timestamp === undefined ? "" : ` at ${measurement.timestamp}`;
      return `${labelTitle(measurement)}${stamp}:\n${drawHistogram(measurement)}\n${describeShape(measurement)}`;
    }
    case "events":
      return `${measurement.rows.length} events, slowest first:\n${eventsTable(measurement.columns, measurement.rows, 20)}`;
    case "stacks":
      return `${measurement.stacks.length} stacks`;
    case "series":
      return `${measurement.rows.length} rows of ${measurement.columns.join(", ")}`;
  }
};

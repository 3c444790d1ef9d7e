// Human-readable latency and share formatting shared by root-cause summaries.

// Formats a latency given in microseconds as us, ms or s with sensible precision.
export const formatMicros = (us: number): string => {
  if (us >= 1_000_000) return `${(us / 1_000_000).toFixed(us >= 10_000_000 ? 0 : 1)} s`;
  if (us >= 1000) return `${(us / 1000).toFixed(us >= 10_000 ? 0 : 1)} ms`;
  return `${Math.round(us)} us`;
};

// Formats a fraction as a whole percentage.
export const formatShare = (share: number): string => `${Math.round(share * 100)}%`;

// Joins names as "a", "a and b", "a, b and c".
export const joinNames = (names: readonly string[]): string => {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
};

// Reads bcc/libbpf per-key section headers such as `disk = vda\t`, `pid = 12 comm`, `Bucket disk = 'xvdb'`.

const SECTION_KEYS = ["pid", "tid", "pidns", "disk", "flags", "operation", "cpu", "hardirq", "softirq"] as const;
const SECTION = new RegExp(`^(?:Bucket\\s+)?(${SECTION_KEYS.join("|")})\\s+=\\s+(.*)$`);
const NUMERIC_KEYS = new Set(["pid", "tid", "pidns"]);

// Removes Python repr quoting: 'xvdb' and b'sda' become xvdb and sda.
const unquote = (value: string): string => {
  const quoted = /^b?'(.*)'$/.exec(value) ?? /^b?"(.*)"$/.exec(value);
  return quoted?.[1] ?? value;
};

// Parses one `key = value` part; numeric keys may carry the command name after the number.
const parsePart = (key: string, rawValue: string): Record<string, string> => {
  const value = rawValue.trim();
  if (NUMERIC_KEYS.has(key)) {
    const withComm = /^(\d+)\s+(.+)$/.exec(value);
    if (withComm?.[1] && withComm[2]) return { [key]: withComm[1], comm: withComm[2] };
  }
  return { [key]: unquote(value) };
};

// Returns the labels a section header line sets, or null when the line is not one.
export const parseSectionHeader = (line: string): Record<string, string> | null => {
  const parts = line.split("\t").filter((part) => part.trim() !== "");
  if (parts.length === 0) return null;
  const labels: Record<string, string> = {};
  for (const part of parts) {
    const match = SECTION.exec(part.trim());
    if (!match?.[1] || match[2] === undefined) return null;
    Object.assign(labels, parsePart(match[1], match[2]));
  }
  return labels;
};

/** Small statistics and formatting helpers of the benchmark. */

/** Median, minimum and maximum of some samples. */
export interface Summary {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, samples: [] };
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { median, min: sorted[0] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN, samples };
}

/** Per-round ratios a[i] / b[i] of paired samples (same round, so the machine's load is shared). */
export function pairedRatios(a: readonly number[], b: readonly number[]): Summary {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x !== undefined && y !== undefined && y > 0) ratios.push(x / y);
  }
  return summarize(ratios);
}

function digits(value: number): string {
  if (!Number.isFinite(value)) return "–";
  const abs = Math.abs(value);
  if (abs > 0 && abs < 0.1) return value.toPrecision(2);
  return abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** `1.23× (1.20–1.31)`. */
export function formatRatio(s: Summary): string {
  return Number.isNaN(s.median) ? "–" : `${digits(s.median)}× (${digits(s.min)}–${digits(s.max)})`;
}

/** `812 ms (790–840)`, switching to seconds above 10 s. */
export function formatMs(s: Summary): string {
  if (Number.isNaN(s.median)) return "–";
  if (s.median >= 10_000) return `${(s.median / 1000).toFixed(1)} s (${(s.min / 1000).toFixed(1)}–${(s.max / 1000).toFixed(1)})`;
  return `${digits(s.median)} ms (${digits(s.min)}–${digits(s.max)})`;
}

/** `156 MB (150–160)` from kilobytes. */
export function formatKb(s: Summary): string {
  if (Number.isNaN(s.median)) return "–";
  return `${(s.median / 1024).toFixed(0)} MB (${(s.min / 1024).toFixed(0)}–${(s.max / 1024).toFixed(0)})`;
}

/** `12.3 M/s (11.9–12.6)` from queries per second. */
export function formatRate(s: Summary): string {
  if (Number.isNaN(s.median)) return "–";
  const unit = s.median >= 1e6 ? { d: 1e6, u: "M/s" } : s.median >= 1e3 ? { d: 1e3, u: "k/s" } : { d: 1, u: "/s" };
  return `${digits(s.median / unit.d)} ${unit.u} (${digits(s.min / unit.d)}–${digits(s.max / unit.d)})`;
}

/** A plain-text table: the first row is the header; columns padded to their widest cell. */
export function renderTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  const line = (row: readonly string[]): string => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  const [header, ...body] = rows;
  if (header === undefined) return "";
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

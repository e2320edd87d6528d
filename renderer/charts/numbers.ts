/**
 * Axis numbers as analysts read them: 200k, 1.5M, 3B — each tick on its own, rather than
 * d3's shared prefix ("0.2M" beside "1M"). Locale-free, so a chart draws the same everywhere.
 */
const STEPS: [number, string][] = [
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

export function compactNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  for (const [size, suffix] of STEPS) {
    if (abs >= size) return `${trim(n / size)}${suffix}`;
  }
  return trim(n);
}

function trim(x: number): string {
  // Two significant decimals at most; no trailing zeros ("1.50" -> "1.5", "2.00" -> "2").
  return String(Number(x.toFixed(Math.abs(x) >= 100 ? 0 : 2)));
}

/** Thousands separators without a locale, for counts printed on bars. */
export function groupThousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

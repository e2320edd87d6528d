/**
 * The randomness contract of the forest. Tree t draws from its own stream, seeded from (seed, t) only —
 * never from which thread grows it — so the model is byte-identical whatever the number of workers.
 * The stream is consumed in a fixed order: first the bootstrap sample, then the feature draws.
 */

export function treeSeed(seed: number, t: number): number {
  let h = (seed ^ Math.imul(t + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Bootstrap sample of n rows as draw counts (sampling with replacement: weights, not copies). */
export function drawBootstrap(counts: Int32Array, random: () => number): void {
  const n = counts.length;
  counts.fill(0);
  for (let k = 0; k < n; k++) counts[Math.floor(random() * n)]++;
}

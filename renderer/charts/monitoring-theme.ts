/**
 * What the monitoring charts share: one colour per tier (green → red, the order of the five-tier
 * scale, so 次级 always reads worse than 关注), per warning level, per risk layer and per collection
 * stage; percent and snapshot labels; and tick thinning for long month axes.
 */
import type { CollectionStage, Layer, Tier, WarningLevel } from '../../src/api/monitoring';

export const TIER_COLORS: Record<Tier, string> = {
  normal: '#3a9a5b',
  special_mention: '#d9b23c',
  substandard: '#e07b39',
  doubtful: '#c8402f',
  loss: '#7a1f1f',
};

/** Loans that left the book between two snapshots: neutral, not a risk colour. */
export const EXITED_COLOR = '#9aa5b1';

export const WARNING_COLORS: Record<WarningLevel, string> = {
  yellow: '#e8c21c',
  orange: '#e07b39',
  red: '#c8402f',
};

export const LAYER_COLORS: Record<Layer, string> = {
  A: '#3a9a5b',
  B: '#d9a032',
  C: '#c8402f',
};

/** Collection stages are work queues, not risk grades: shades of one blue, darker as arrears age. */
export const STAGE_COLORS: Record<CollectionStage, string> = {
  early: '#9db5d3',
  middle: '#4f7fb5',
  late: '#1f3f66',
};

/** A colour for the i-th line of a chart with a handful of named series (migration rates, roll rates). */
export const SERIES_PALETTE = ['#2a5f9e', '#e07b39', '#c8402f', '#7a1f1f', '#3a9a5b', '#7b4bb7'] as const;

/** 0.0123 -> "1.23%", 0.25 -> "25%": shares as analysts quote them, at most two decimals. */
export function sharePercent(x: number, digits = 2): string {
  return `${Number((x * 100).toFixed(digits))}%`;
}

/** Month-end snapshots read as months ("2025-10-31" -> "2025-10"); anything else is shown as it is. */
export function snapshotLabel(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.slice(0, 7) : iso;
}

/**
 * At most `max` evenly spaced labels from an ordinal axis, always keeping the last (the latest
 * snapshot is the one the desk reads first).
 */
export function thinTicks<T>(domain: readonly T[], max: number): T[] {
  if (domain.length <= max || max < 2) return [...domain];
  const step = Math.ceil((domain.length - 1) / (max - 1));
  const last = domain.length - 1;
  const picked = domain.filter((_d, i) => (last - i) % step === 0);
  return picked;
}

/** How many ordinal labels of about `labelPx` pixels fit along `widthPx`. */
export function ticksThatFit(widthPx: number, labelPx: number): number {
  return Math.max(2, Math.floor(widthPx / labelPx));
}

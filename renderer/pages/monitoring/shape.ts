/**
 * The engine's monitoring answers reshaped for the charts: pure functions, each datum keeping what
 * a click on it drills into. Words come in through the `Words` callbacks, so these stay free of React
 * and of any one language (and are tested in Node).
 */
import {
  COLLECTION_STAGES,
  DPD_BUCKETS,
  MIGRATION_COLUMNS,
  TIERS,
  WARNING_LEVELS,
  type CollectionStage,
  type CollectionsResult,
  type DpdBucket,
  type MigrationMatrix,
  type MigrationRateName,
  type MigrationRatePoint,
  type MigrationTo,
  type RollRateResult,
  type Tier,
  type TierSnapshot,
  type VintageCurve,
  type WarningLevel,
  type WarningsResult,
} from '../../../src/api/monitoring';
import type { HeatCell } from '../../charts/monitoring-heatmap';
import type { RatePoint } from '../../charts/monitoring-rateLines';
import type { StackedSegment } from '../../charts/monitoring-stackedBars';
import { snapshotLabel } from '../../charts/monitoring-theme';
import type { VintagePointDatum } from '../../charts/monitoring-vintage';
import type { FlowStep } from '../../charts/monitoring-waterfall';

export type Measure = 'count' | 'balance';

/** How the tooltips say things; given by the page in the user's language. */
export interface Words {
  int(n: number): string;
  amount(n: number): string;
  share(x: number | null): string;
  tier(t: MigrationTo): string;
  level(l: WarningLevel): string;
  stage(s: CollectionStage): string;
  bucket(b: DpdBucket): string;
  /** "MOB 6" / "账龄 6". */
  mob(n: number): string;
}

// ------------------------------------------------------------------ tier mix and KPIs

export type TierSegment = StackedSegment & { snapshot: string; tier: Tier };

/** Each snapshot's tiers as shares of that snapshot's loans (or balance): bars of equal height. */
export function tierMixSegments(snapshots: readonly TierSnapshot[], by: Measure, w: Words): TierSegment[] {
  return snapshots.flatMap((s) => {
    const total = by === 'count' ? s.loans : s.balance;
    return TIERS.map((tier) => {
      const cell = s.tiers.find((c) => c.tier === tier);
      const count = cell?.count ?? 0;
      const balance = cell?.balance ?? 0;
      const value = total > 0 ? (by === 'count' ? count : balance) / total : 0;
      return {
        x: s.snapshot,
        key: tier,
        value,
        snapshot: s.snapshot,
        tier,
        title: `${snapshotLabel(s.snapshot)} · ${w.tier(tier)}\n${w.share(value)} · ${w.int(count)} · ${w.amount(balance)}`,
      };
    });
  });
}

export interface Kpi {
  value: number | null;
  /** Latest minus the previous snapshot; null with one snapshot or a missing value. */
  change: number | null;
  /** Oldest first, for the tile's sparkline. */
  series: (number | null)[];
}

export interface TierKpis {
  snapshot: string;
  previous: string | null;
  loans: Kpi;
  balance: Kpi;
  nplBalance: Kpi;
  nplRatio: Kpi;
  provisionCoverage: Kpi;
  provisionRatio: Kpi;
}

export function tierKpis(snapshots: readonly TierSnapshot[]): TierKpis | null {
  if (snapshots.length === 0) return null;
  const last = snapshots[snapshots.length - 1];
  const prev = snapshots.length > 1 ? snapshots[snapshots.length - 2] : null;
  const kpi = (pick: (s: TierSnapshot) => number | null): Kpi => {
    const value = pick(last);
    const before = prev ? pick(prev) : null;
    return { value, change: value !== null && before !== null ? value - before : null, series: snapshots.map(pick) };
  };
  return {
    snapshot: last.snapshot,
    previous: prev?.snapshot ?? null,
    loans: kpi((s) => s.loans),
    balance: kpi((s) => s.balance),
    nplBalance: kpi((s) => s.nplBalance),
    nplRatio: kpi((s) => s.nplRatio),
    provisionCoverage: kpi((s) => s.provisionCoverage),
    provisionRatio: kpi((s) => s.provisionRatio),
  };
}

// ------------------------------------------------------------------ migration

export type MigrationCell = HeatCell & { fromTier: Tier; toTier: MigrationTo };

export function migrationCells(m: MigrationMatrix, by: Measure, w: Words): MigrationCell[] {
  return m.rows.flatMap((row) =>
    MIGRATION_COLUMNS.map((to) => {
      const c = row.cells.find((x) => x.to === to);
      const share = c ? (by === 'count' ? c.countShare : c.balanceShare) : null;
      const ci = c?.ci ? ` (95% ${w.share(c.ci[0])}–${w.share(c.ci[1])})` : '';
      return {
        from: row.from,
        to,
        share,
        fromTier: row.from,
        toTier: to,
        title: `${w.tier(row.from)} → ${w.tier(to)}\n${w.share(share)} · ${w.int(c?.count ?? 0)} · ${w.amount(c?.balance ?? 0)}${by === 'count' ? ci : ''}`,
      };
    }),
  );
}

export interface MigrationRowSummary {
  from: Tier;
  /** Loans (or balance) in the tier at the start. */
  size: number;
  /** Shares of the row that moved to a better tier, stayed, moved to a worse tier, left the book. */
  upgraded: number | null;
  same: number | null;
  downgraded: number | null;
  exited: number | null;
}

/** Each row of the matrix summed the way a desk reads it: better, same, worse, gone. */
export function migrationRowSummary(m: MigrationMatrix, by: Measure): MigrationRowSummary[] {
  return m.rows.map((row) => {
    const rank = TIERS.indexOf(row.from);
    const size = by === 'count' ? row.count : row.balance;
    const part = (keep: (to: MigrationTo) => boolean) => {
      const v = row.cells.filter((c) => keep(c.to)).reduce((s, c) => s + (by === 'count' ? c.count : c.balance), 0);
      return size > 0 ? v / size : null;
    };
    return {
      from: row.from,
      size,
      upgraded: part((to) => to !== 'exited' && TIERS.indexOf(to) < rank),
      same: part((to) => to === row.from),
      downgraded: part((to) => to !== 'exited' && TIERS.indexOf(to) > rank),
      exited: part((to) => to === 'exited'),
    };
  });
}

export const RATE_SERIES: readonly MigrationRateName[] = ['normal', 'special_mention', 'substandard', 'doubtful'];

/** The regulatory migration rates per period end; `seriesLabel` names a rate. */
export function migrationRatePoints(points: readonly MigrationRatePoint[], by: Measure, seriesLabel: (n: MigrationRateName) => string, w: Words): RatePoint[] {
  return points.flatMap((p) =>
    RATE_SERIES.map((name) => {
      const r = p.rates.find((x) => x.name === name);
      const rate = r ? (by === 'count' ? r.byCount : r.byBalance) : null;
      return {
        x: p.end,
        series: name,
        rate,
        title: `${snapshotLabel(p.start)} → ${snapshotLabel(p.end)} · ${seriesLabel(name)}\n${w.share(rate)} · ${w.int(r?.migrated ?? 0)} / ${w.int(r?.base ?? 0)}`,
      };
    }),
  );
}

// ------------------------------------------------------------------ roll rates, vintages

/** "current→1-30", ...: the four one-bucket-forward steps, in order. */
export const ROLL_STEPS: readonly { from: DpdBucket; to: DpdBucket }[] = DPD_BUCKETS.slice(0, -1).map((from, i) => ({ from, to: DPD_BUCKETS[i + 1] }));

export function rollStepKey(s: { from: DpdBucket; to: DpdBucket }): string {
  return `${s.from}→${s.to}`;
}

export function rollStepLabel(s: { from: DpdBucket; to: DpdBucket }, w: Words): string {
  return `${w.bucket(s.from)} → ${w.bucket(s.to)}`;
}

export function rollForwardPoints(roll: RollRateResult, by: Measure, w: Words): RatePoint[] {
  return roll.periods.flatMap((p) =>
    ROLL_STEPS.map((step) => {
      const r = p.rollForward.find((x) => x.from === step.from && x.to === step.to);
      const rate = r ? (by === 'count' ? r.byCount : r.byBalance) : null;
      return { x: p.end, series: rollStepKey(step), rate, title: `${snapshotLabel(p.end)} · ${rollStepLabel(step, w)}\n${w.share(rate)}` };
    }),
  );
}

export function waterfallSteps(roll: RollRateResult, w: Words): FlowStep[] {
  return ROLL_STEPS.map((step) => {
    const s = roll.waterfall.find((x) => x.from === step.from && x.to === step.to);
    // Two lines under each bar: four "from → to" labels side by side do not fit a side card.
    return { step: `${w.bucket(step.from)}\n→ ${w.bucket(step.to)}`, rate: s?.rate ?? null, cumulative: s?.cumulative ?? null };
  });
}

export type VintageDatum = VintagePointDatum & { cohortDate: string };

export interface VintageView {
  threshold: 30 | 90;
  by: Measure;
  cohortBy: 'month' | 'quarter';
  /** Cohorts booked before the first snapshot have unseen early months: off unless asked for. */
  includeCensored: boolean;
}

export function cohortLabel(cohort: string, cohortBy: 'month' | 'quarter'): string {
  if (cohortBy === 'month') return cohort.slice(0, 7);
  return `${cohort.slice(0, 4)}Q${Math.floor((Number(cohort.slice(5, 7)) - 1) / 3) + 1}`;
}

export function vintagePoints(curves: readonly VintageCurve[], view: VintageView, w: Words): { cohorts: string[]; points: VintageDatum[]; hidden: number } {
  const shown = curves.filter((c) => view.includeCensored || !c.leftCensored).sort((a, b) => (a.cohort < b.cohort ? -1 : 1));
  const cohorts = shown.map((c) => cohortLabel(c.cohort, view.cohortBy));
  const points = shown.flatMap((c, cohortIndex) =>
    c.points.flatMap((p) => {
      const rate =
        view.by === 'count' ? (view.threshold === 30 ? p.ever30ByCount : p.ever90ByCount) : view.threshold === 30 ? p.ever30ByBalance : p.ever90ByBalance;
      if (rate === null) return [];
      return [{ cohort: cohorts[cohortIndex], cohortDate: c.cohort, cohortIndex, mob: p.mob, rate, title: `${cohorts[cohortIndex]} · ${w.mob(p.mob)}\n${w.share(rate)} · ${w.int(c.loans)}` }];
    }),
  );
  return { cohorts, points, hidden: curves.length - shown.length };
}

// ------------------------------------------------------------------ warnings, collections

export type WarningSegment = StackedSegment & { snapshot: string; level: WarningLevel };

export function warningSegments(byLevel: WarningsResult['byLevel'], w: Words): WarningSegment[] {
  return byLevel
    .filter((b) => WARNING_LEVELS.includes(b.level))
    .map((b) => ({
      x: b.snapshot,
      key: b.level,
      value: b.count,
      snapshot: b.snapshot,
      level: b.level,
      title: `${snapshotLabel(b.snapshot)} · ${w.level(b.level)}\n${w.int(b.count)} · ${w.amount(b.balance)}`,
    }));
}

export function stageSegments(stages: CollectionsResult['stages'], by: Measure, w: Words): StackedSegment[] {
  return stages
    .filter((s) => COLLECTION_STAGES.includes(s.stage))
    .map((s) => ({
      x: s.snapshot,
      key: s.stage,
      value: by === 'count' ? s.count : s.balance,
      title: `${snapshotLabel(s.snapshot)} · ${w.stage(s.stage)}\n${w.int(s.count)} · ${w.amount(s.balance)}`,
    }));
}

/**
 * Types of the post-loan monitoring domain (贷后管理): performance panels, five-tier classification,
 * migration, roll rates, vintages, early warning, layered-risk report, collection stages.
 * Types only: the renderer imports this.
 */
import type { Handler } from './handler';

// ---------------------------------------------------------------- panels

/** Columns of a performance panel table (one row per loan per snapshot). Values are column names. */
export interface PanelColumns {
  loanId: string;
  snapshotDate: string;
  /** One of daysPastDue / monthsPastDue is required; months are turned into days as 30 × max(months, 0). */
  daysPastDue?: string;
  monthsPastDue?: string;
  balance: string;
  product?: string;
  segment?: string;
  originationDate?: string;
  paidAmount?: string;
  restructured?: string;
  chargedOff?: string;
  region?: string;
  industry?: string;
  ltv?: string;
  /** Fraction of the limit in use (cards). Derived as balance / creditLimit when only the limit is mapped. */
  utilisation?: string;
  creditLimit?: string;
  /** Amount at origination (vintage balance rates); the loan's first observed balance when absent. */
  originalAmount?: string;
}

/** Static per-loan attributes may live in a second table joined on the loan id (the sample's `loans`). */
export type AttributeField = 'product' | 'segment' | 'originationDate' | 'region' | 'industry' | 'ltv' | 'creditLimit' | 'originalAmount';

export interface PanelMapping {
  /** Name of the panel; derived tables are `<panel>_tiers`, `<panel>_watchlist`, `<panel>_collection_cases`. */
  panel: string;
  table: string;
  columns: PanelColumns;
  attributes?: { table: string; key: string; columns: Partial<Record<AttributeField, string>> };
  /** Model scores: PD per loan (and per snapshot when `snapshotDate` is given). */
  scores?: { table: string; key: string; snapshotDate?: string; pd: string };
  /** Rule set used when an op names none (the sample portfolio: retail 2023 with cards under the card measures). */
  ruleSet?: string;
}

export interface PanelInfo {
  mapping: PanelMapping;
  rows: number;
  loans: number;
  snapshots: string[];
  /** Canonical fields available (e.g. 'paidAmount', 'pd'), for the UI to grey out what cannot run. */
  fields: string[];
  savedAt: string | null;
  /** Why the panel cannot be read now (e.g. its table was dropped); absent when it is fine. */
  problem?: string;
}

export interface UciPanelArgs {
  /** The imported UCI table (wide: one row per account). */
  table: string;
  /** Long table to write. */
  target: string;
  replace?: boolean;
}

// ---------------------------------------------------------------- five-tier classification

export const TIERS = ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'] as const;
export type Tier = (typeof TIERS)[number];
/** 正常 / 关注 / 次级 / 可疑 / 损失 */
export const TIER_LABELS: Record<Tier, string> = {
  normal: '正常',
  special_mention: '关注',
  substandard: '次级',
  doubtful: '可疑',
  loss: '损失',
};

/** A flag that forces a minimum tier (e.g. restructured → at least substandard). */
export interface TierOverride {
  flag: 'restructured' | 'chargedOff';
  atLeast: Tier;
}

/** Finer grade inside normal / special mention: first band whose `max` (inclusive) covers the value; null max = no bound. */
export interface GradeBand {
  tier: 'normal' | 'special_mention';
  grade: string;
  basis: 'dpd' | 'pd';
  max: number | null;
}

/** Largest days past due still in each tier; above `doubtful` is loss. */
export interface TierDpdLimits {
  normal: number;
  special_mention: number;
  substandard: number;
  doubtful: number;
}

/** Other day limits for some products of a mixed book (credit cards under the card measures). */
export interface ProductDpdLimits {
  /** Product codes as they appear in the panel's product column (exact match). */
  products: string[];
  maxDpd: TierDpdLimits;
}

export interface TierRuleSet {
  name: string;
  label: string;
  builtin?: boolean;
  /** Day limits for every product not listed in `byProduct`. */
  maxDpd: TierDpdLimits;
  /** First entry listing a loan's product wins; needs a mapped product column (a note says so otherwise). */
  byProduct?: ProductDpdLimits[];
  overrides: TierOverride[];
  grades: GradeBand[];
  /** Provision rate per tier (normal: the general reserve). */
  provisionRates: Record<Tier, number>;
}

export interface TierCell {
  tier: Tier;
  count: number;
  balance: number;
  provision: number;
}

export interface TierSnapshot {
  snapshot: string;
  tiers: TierCell[];
  loans: number;
  balance: number;
  nplBalance: number;
  nplRatio: number | null;
  provisions: number;
  /** provisions / NPL balance; null when there is no NPL. */
  provisionCoverage: number | null;
  /** provisions / total balance. */
  provisionRatio: number | null;
  grades: { tier: Tier; grade: string; count: number; balance: number }[];
}

export interface ClassifyResult {
  panel: string;
  ruleSet: string;
  /** `<panel>_tiers`: a VIEW (loan_id, snapshot_date, dpd, balance, tier_rank, tier, grade) that stores no rows and always reflects the panel. */
  table: string;
  rows: number;
  snapshots: TierSnapshot[];
  /** Rules of the set that could not apply to this panel (e.g. an override on a flag it lacks). */
  notes: string[];
}

// ---------------------------------------------------------------- migration

export type MigrationTo = Tier | 'exited';
export const MIGRATION_COLUMNS: readonly MigrationTo[] = [...TIERS, 'exited'];

export interface MigrationRow {
  from: Tier;
  count: number;
  balance: number;
  cells: {
    to: MigrationTo;
    count: number;
    balance: number;
    countShare: number | null;
    balanceShare: number | null;
    /** Wilson 95% interval of the count share. */
    ci: [number, number] | null;
  }[];
}

export interface MigrationMatrix {
  from: string;
  to: string;
  rows: MigrationRow[];
  /** Loans on book at `to` that were not on book at `from`, by tier. */
  entered: { to: Tier; count: number; balance: number }[];
}

/** Square share matrix over TIERS + 'exited' ('exited' is absorbing). */
export interface ShareMatrix {
  states: MigrationTo[];
  shares: number[][];
}

export interface CumulativeMigration {
  from: string;
  to: string;
  steps: string[];
  chained: { count: ShareMatrix; balance: ShareMatrix };
  direct: { count: ShareMatrix; balance: ShareMatrix };
}

export type MigrationRateName = 'normal' | 'special_mention' | 'substandard' | 'doubtful' | 'performing';

export interface MigrationRatePoint {
  start: string;
  end: string;
  rates: { name: MigrationRateName; byBalance: number | null; byCount: number | null; migrated: number; base: number; reduced: number }[];
}

// ---------------------------------------------------------------- roll rates, vintages

export const DPD_BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type DpdBucket = (typeof DPD_BUCKETS)[number];

export interface RollPeriod {
  start: string;
  end: string;
  /** Loans per from-bucket × to-bucket (and exited). */
  matrix: { from: DpdBucket; to: DpdBucket | 'exited'; count: number; balance: number }[];
  /** Share rolling one bucket forward (current→1-30, ..., 61-90→90+). */
  rollForward: { from: DpdBucket; to: DpdBucket; byCount: number | null; byBalance: number | null }[];
}

export interface RollRateResult {
  periods: RollPeriod[];
  /** Pooled balance-weighted roll-forward rates over all periods, chained: the flow-rate waterfall. */
  waterfall: { from: DpdBucket; to: DpdBucket; rate: number | null; cumulative: number | null }[];
}

export interface VintagePoint {
  mob: number;
  loans: number;
  ever30ByCount: number;
  ever90ByCount: number;
  ever30ByBalance: number | null;
  ever90ByBalance: number | null;
}

export interface VintageCurve {
  cohort: string;
  loans: number;
  /** The cohort was originated before the first snapshot: events before it are unseen. */
  leftCensored: boolean;
  points: VintagePoint[];
}

// ---------------------------------------------------------------- early warning

export const WARNING_LEVELS = ['yellow', 'orange', 'red'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

export type LoanMetric = 'dpd' | 'paidDeclineStreak' | 'pd' | 'pdChange' | 'ltv' | 'utilisationChange';
export type Comparison = '>' | '>=' | '<' | '<=';

/** A loan-level signal: fires when `metric comparison threshold` holds at a snapshot. */
export interface LoanWarningRule {
  id: string;
  label: string;
  metric: LoanMetric;
  comparison: Comparison;
  threshold: number;
  level: WarningLevel;
  enabled: boolean;
}

export type PortfolioIndicatorName =
  | 'nplRatio' | 'normalMigrationRate' | 'specialMentionMigrationRate' | 'substandardMigrationRate' | 'doubtfulMigrationRate'
  | 'regionTopShare' | 'regionHhi' | 'industryTopShare' | 'industryHhi';
export const SEVERITIES = ['light', 'moderate', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A portfolio indicator breaches at `light` and above (higher is worse). */
export interface PortfolioWarningRule {
  id: string;
  indicator: PortfolioIndicatorName;
  light: number;
  moderate: number;
  severe: number;
  enabled: boolean;
}

export interface WarningRules {
  loan: LoanWarningRule[];
  portfolio: PortfolioWarningRule[];
}

export interface PortfolioIndicatorValue {
  snapshot: string;
  indicator: PortfolioIndicatorName;
  value: number | null;
  severity: Severity | null;
  breach: boolean;
}

export interface WarningsResult {
  panel: string;
  /** Table with one row per loan per snapshot with any signal. */
  watchlistTable: string;
  watchlistRows: number;
  /** Rules that could not run, with why (e.g. no PD column). */
  notes: string[];
  byLevel: { snapshot: string; level: WarningLevel; count: number; balance: number }[];
  portfolio: PortfolioIndicatorValue[];
}

// ---------------------------------------------------------------- layered-risk report

export const LAYERS = ['A', 'B', 'C'] as const;
export type Layer = (typeof LAYERS)[number];

/** A loan belongs to the first rule's layer any of whose conditions holds; otherwise to `A`. */
export interface LayerRule {
  layer: Layer;
  tierAtLeast?: Tier;
  warningAtLeast?: WarningLevel;
  pdAtLeast?: number;
}

/** The 12 core indicators of the layered-risk report, in report order. */
export const LAYER_INDICATORS = [
  'count', 'balance', 'bookShare', 'overdue30Rate', 'overdue90Rate', 'nplRatio',
  'migrationRate', 'rollTo90Rate', 'recoveryRate', 'averagePd', 'expectedLoss', 'provisionCoverage',
] as const;
export type LayerIndicator = (typeof LAYER_INDICATORS)[number];

export interface LayerIndicatorValue {
  indicator: LayerIndicator;
  value: number | null;
  /** value − previous period's value. */
  change: number | null;
  /**
   * z-score of this period's change against the layer's earlier changes (the last 12; needs 3):
   * a steady trend is not an anomaly, a jump is. null when it cannot be computed.
   */
  z: number | null;
  anomaly: boolean;
}

/** `rules`, `lgd` and `thresholds` default to the saved desk rules (`monitoring.deskRules`). */
export interface LayerReportArgs extends PanelRuleArgs {
  period?: 'month' | 'week';
  rules?: LayerRule[];
  /** Loss given default per product; `default` for unmapped products (0.45 when absent). */
  lgd?: Record<string, number>;
  /** Rule thresholds that mark an anomaly regardless of history. */
  thresholds?: Partial<Record<LayerIndicator, { min?: number; max?: number }>>;
}

export interface LayerReport {
  panel: string;
  periods: string[];
  layers: { layer: Layer; period: string; indicators: LayerIndicatorValue[] }[];
  notes: string[];
}

// ---------------------------------------------------------------- collections

export const COLLECTION_STAGES = ['early', 'middle', 'late'] as const;
export type CollectionStage = (typeof COLLECTION_STAGES)[number];

/** First matching rule assigns the team; empty lists match everything. */
export interface CaseAllocationRule {
  team: string;
  stages?: CollectionStage[];
  layers?: Layer[];
  minBalance?: number;
  maxBalance?: number;
}

export interface CollectionsArgs extends PanelRuleArgs {
  /** Snapshot whose delinquent loans become cases (latest when absent). */
  snapshot?: string;
  /** Default: the saved desk rules' allocation. */
  allocation?: CaseAllocationRule[];
  /** Default: the saved desk rules' layer rules. */
  layerRules?: LayerRule[];
  /** Also write the case table as CSV to this path. */
  csvPath?: string;
}

export interface CollectionsResult {
  stages: { snapshot: string; stage: CollectionStage; count: number; balance: number }[];
  casesTable: string;
  snapshot: string;
  teams: { team: string; cases: number; balance: number }[];
  csvPath: string | null;
}

// ---------------------------------------------------------------- desk rules

/**
 * The desk's saved settings for the layered report and case allocation (one set per workspace).
 * Ops use them whenever their arguments do not say otherwise.
 */
export interface DeskRules {
  layerRules: LayerRule[];
  /** Loss given default per product code; `default` for products not listed. */
  lgd: Record<string, number>;
  /** Fixed bounds that mark a layer indicator as an anomaly regardless of its history. */
  thresholds: Partial<Record<LayerIndicator, { min?: number; max?: number }>>;
  allocation: CaseAllocationRule[];
  /** When they were last saved; null while the built-in defaults are in force. */
  savedAt: string | null;
}

// ---------------------------------------------------------------- drill-down

export type DrillCell =
  | { kind: 'tier'; snapshot: string; tier: Tier }
  | { kind: 'migration'; from: string; to: string; fromTier: Tier; toTier: MigrationTo }
  | { kind: 'vintage'; cohort: string; cohortBy?: 'month' | 'quarter'; mob: number; threshold: 30 | 90 }
  | { kind: 'warning'; snapshot: string; level: WarningLevel };

export interface DrillResult {
  /** The query behind the number, with $n placeholders bound to `params`. */
  sql: string;
  params: (string | number)[];
  /** Loans behind the number and their balance (the cell's own balance convention). */
  count: number;
  balance: number;
  rows: Record<string, unknown>[];
  truncated: boolean;
}

// ---------------------------------------------------------------- handlers

export interface PanelRuleArgs {
  panel: string;
  /** Rule set name (default: the panel's own `ruleSet`, else 'retail_2023'). */
  ruleSet?: string;
}

export interface MonitoringHandlers {
  'monitoring.panels': Handler<Record<string, never>, PanelInfo[]>;
  /** Guess a mapping from column names (the sample portfolio maps itself fully). */
  'monitoring.suggestMapping': Handler<{ table: string }, PanelMapping>;
  'monitoring.saveMapping': Handler<{ mapping: PanelMapping }, PanelInfo>;
  'monitoring.deleteMapping': Handler<{ panel: string }, { deleted: string }>;
  'monitoring.panelFromUci': Handler<UciPanelArgs, PanelInfo>;
  'monitoring.ruleSets': Handler<Record<string, never>, TierRuleSet[]>;
  'monitoring.saveRuleSet': Handler<{ ruleSet: TierRuleSet }, TierRuleSet>;
  'monitoring.deleteRuleSet': Handler<{ name: string }, { deleted: string }>;
  'monitoring.classify': Handler<PanelRuleArgs, ClassifyResult>;
  'monitoring.migration': Handler<PanelRuleArgs & { from: string; to: string }, MigrationMatrix>;
  'monitoring.cumulativeMigration': Handler<PanelRuleArgs & { from: string; to: string }, CumulativeMigration>;
  'monitoring.migrationRates': Handler<PanelRuleArgs & { periodSnapshots?: number }, MigrationRatePoint[]>;
  'monitoring.rollRates': Handler<{ panel: string }, RollRateResult>;
  'monitoring.vintages': Handler<{ panel: string; cohortBy?: 'month' | 'quarter' }, VintageCurve[]>;
  'monitoring.warningRules': Handler<Record<string, never>, WarningRules>;
  /** Validates and saves; `reset: true` goes back to the shipped defaults. */
  'monitoring.saveWarningRules': Handler<{ rules: WarningRules } | { reset: true }, WarningRules>;
  'monitoring.warnings': Handler<PanelRuleArgs, WarningsResult>;
  /** The saved desk rules, or the built-in defaults when none were saved. */
  'monitoring.deskRules': Handler<Record<string, never>, DeskRules>;
  /** Validates and saves; `reset: true` goes back to the built-in defaults. */
  'monitoring.saveDeskRules': Handler<{ rules: Omit<DeskRules, 'savedAt'> } | { reset: true }, DeskRules>;
  'monitoring.layers': Handler<LayerReportArgs, LayerReport>;
  'monitoring.collections': Handler<CollectionsArgs, CollectionsResult>;
  'monitoring.drill': Handler<PanelRuleArgs & { cell: DrillCell; limit?: number }, DrillResult>;
}

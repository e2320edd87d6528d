/**
 * The engine's codes (tiers, levels, layers, indicators...) and the catalog keys that name them.
 * Spelled out key by key, so a renamed code or a missing translation fails the typecheck.
 */
import type {
  CollectionStage,
  DpdBucket,
  Layer,
  LayerIndicator,
  MigrationRateName,
  MigrationTo,
  PanelColumns,
  PortfolioIndicatorName,
  Severity,
  Tier,
  TierRuleSet,
  WarningLevel,
} from '../../../src/api/monitoring';
import type { MessageKey } from '../../i18n/catalog';

export const TIER_LABEL: Record<Tier, MessageKey> = {
  normal: 'mon.tier.normal',
  special_mention: 'mon.tier.special_mention',
  substandard: 'mon.tier.substandard',
  doubtful: 'mon.tier.doubtful',
  loss: 'mon.tier.loss',
};

export const MIGRATION_TO_LABEL: Record<MigrationTo, MessageKey> = { ...TIER_LABEL, exited: 'mon.tier.exited' };

export const LEVEL_LABEL: Record<WarningLevel, MessageKey> = {
  yellow: 'mon.level.yellow',
  orange: 'mon.level.orange',
  red: 'mon.level.red',
};

export const LAYER_LABEL: Record<Layer, MessageKey> = {
  A: 'mon.layer.A',
  B: 'mon.layer.B',
  C: 'mon.layer.C',
};

export const STAGE_LABEL: Record<CollectionStage, MessageKey> = {
  early: 'mon.stage.early',
  middle: 'mon.stage.middle',
  late: 'mon.stage.late',
};

/** The stage alone (早期 / 中期 / 后期), where the day ranges would crowd a checkbox. */
export const STAGE_SHORT_LABEL: Record<CollectionStage, MessageKey> = {
  early: 'mon.stage.short.early',
  middle: 'mon.stage.short.middle',
  late: 'mon.stage.short.late',
};

export const SEVERITY_LABEL: Record<Severity, MessageKey> = {
  light: 'mon.severity.light',
  moderate: 'mon.severity.moderate',
  severe: 'mon.severity.severe',
};

export const RATE_LABEL: Record<MigrationRateName, MessageKey> = {
  normal: 'mon.rate.normal',
  special_mention: 'mon.rate.special_mention',
  substandard: 'mon.rate.substandard',
  doubtful: 'mon.rate.doubtful',
  performing: 'mon.rate.performing',
};

export const BUCKET_LABEL: Record<DpdBucket, MessageKey> = {
  current: 'mon.bucket.current',
  '1-30': 'mon.bucket.1-30',
  '31-60': 'mon.bucket.31-60',
  '61-90': 'mon.bucket.61-90',
  '90+': 'mon.bucket.90+',
};

export const LAYER_INDICATOR_LABEL: Record<LayerIndicator, MessageKey> = {
  count: 'mon.ind.count',
  balance: 'mon.ind.balance',
  bookShare: 'mon.ind.bookShare',
  overdue30Rate: 'mon.ind.overdue30Rate',
  overdue90Rate: 'mon.ind.overdue90Rate',
  nplRatio: 'mon.ind.nplRatio',
  migrationRate: 'mon.ind.migrationRate',
  rollTo90Rate: 'mon.ind.rollTo90Rate',
  recoveryRate: 'mon.ind.recoveryRate',
  averagePd: 'mon.ind.averagePd',
  expectedLoss: 'mon.ind.expectedLoss',
  provisionCoverage: 'mon.ind.provisionCoverage',
};

export const PORTFOLIO_INDICATOR_LABEL: Record<PortfolioIndicatorName, MessageKey> = {
  nplRatio: 'mon.pind.nplRatio',
  normalMigrationRate: 'mon.pind.normalMigrationRate',
  specialMentionMigrationRate: 'mon.pind.specialMentionMigrationRate',
  substandardMigrationRate: 'mon.pind.substandardMigrationRate',
  doubtfulMigrationRate: 'mon.pind.doubtfulMigrationRate',
  regionTopShare: 'mon.pind.regionTopShare',
  regionHhi: 'mon.pind.regionHhi',
  industryTopShare: 'mon.pind.industryTopShare',
  industryHhi: 'mon.pind.industryHhi',
};

export const FIELD_LABEL: Record<keyof PanelColumns, MessageKey> = {
  loanId: 'mon.field.loanId',
  snapshotDate: 'mon.field.snapshotDate',
  daysPastDue: 'mon.field.daysPastDue',
  monthsPastDue: 'mon.field.monthsPastDue',
  balance: 'mon.field.balance',
  product: 'mon.field.product',
  segment: 'mon.field.segment',
  originationDate: 'mon.field.originationDate',
  paidAmount: 'mon.field.paidAmount',
  restructured: 'mon.field.restructured',
  chargedOff: 'mon.field.chargedOff',
  region: 'mon.field.region',
  industry: 'mon.field.industry',
  ltv: 'mon.field.ltv',
  utilisation: 'mon.field.utilisation',
  creditLimit: 'mon.field.creditLimit',
  originalAmount: 'mon.field.originalAmount',
};

/** The built-in rule sets' names in the user's language (their stored labels are the Chinese titles of the measures). */
export const BUILTIN_RULE_SET_LABEL: Record<string, MessageKey> = {
  retail_2023: 'mon.ruleSet.retail_2023',
  credit_card_2011: 'mon.ruleSet.credit_card_2011',
  retail_2023_cards_2011: 'mon.ruleSet.retail_2023_cards_2011',
};

/** The built-in special-mention grades 关注一/二/三, by month of delinquency. */
export const BUILTIN_GRADE_LABEL: Record<string, MessageKey> = {
  关注一: 'mon.grade.sm1',
  关注二: 'mon.grade.sm2',
  关注三: 'mon.grade.sm3',
};

/** A catalog key for a built-in name, or null for a name the user gave (shown as they wrote it). */
export function builtinKey(map: Record<string, MessageKey>, name: string): MessageKey | null {
  return Object.hasOwn(map, name) ? map[name] : null;
}

/** The engine's default case-allocation teams (and the catch-all). */
export const TEAM_LABEL: Record<string, MessageKey> = {
  late_recovery: 'mon.team.late_recovery',
  middle_senior: 'mon.team.middle_senior',
  middle_phone: 'mon.team.middle_phone',
  early_phone: 'mon.team.early_phone',
  early_sms: 'mon.team.early_sms',
  unassigned: 'mon.team.unassigned',
};

/** A rule set as the pickers show it: a built-in one by its translated name, the user's by label and name. */
export function ruleSetName(r: TierRuleSet, t: (k: MessageKey) => string): string {
  const key = builtinKey(BUILTIN_RULE_SET_LABEL, r.name);
  return key ? t(key) : `${r.label || r.name} (${r.name})`;
}

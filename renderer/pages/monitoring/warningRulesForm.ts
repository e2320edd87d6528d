/**
 * The early-warning rules editor's form (预警规则): loan-level rules and portfolio rules as the user
 * types them, turned back into WarningRules, or into every row that is wrong and why. The checks
 * are the engine's (ids, light ≤ moderate ≤ severe) plus the sense of each metric's unit, so a PD
 * cut-off typed as 20 instead of 0.2 is caught before it silences every signal.
 */
import type {
  Comparison,
  LoanMetric,
  LoanWarningRule,
  PortfolioIndicatorName,
  PortfolioWarningRule,
  Severity,
  WarningLevel,
  WarningRules,
} from '../../../src/api/monitoring';
import type { MessageKey } from '../../i18n/catalog';
import { PORTFOLIO_INDICATOR_LABEL } from './labels';
import { parseNumber, rowKey, uniqueId, type FieldLocation, type FormCheck, type Keyed, type RowProblem } from './orderedRows';

/** The range a threshold of each metric can sensibly take, in the metric's own unit. */
interface MetricRange {
  min: number;
  max: number | null;
  whole: boolean;
}

export const METRIC_RANGE: Record<LoanMetric, MetricRange> = {
  dpd: { min: 0, max: null, whole: true },
  paidDeclineStreak: { min: 1, max: null, whole: true },
  pd: { min: 0, max: 1, whole: false },
  pdChange: { min: -1, max: 1, whole: false },
  ltv: { min: 0, max: null, whole: false },
  // The engine measures utilisation change in percentage points (30 = up 30 points).
  utilisationChange: { min: -100, max: 100, whole: false },
};
export const LOAN_METRICS = Object.keys(METRIC_RANGE) as LoanMetric[];
export const COMPARISONS: readonly Comparison[] = ['>', '>=', '<', '<='];
export const PORTFOLIO_INDICATORS = Object.keys(PORTFOLIO_INDICATOR_LABEL) as PortfolioIndicatorName[];

export const METRIC_LABEL: Record<LoanMetric, MessageKey> = {
  dpd: 'mon.wr.metric.dpd',
  paidDeclineStreak: 'mon.wr.metric.paidDeclineStreak',
  pd: 'mon.wr.metric.pd',
  pdChange: 'mon.wr.metric.pdChange',
  ltv: 'mon.wr.metric.ltv',
  utilisationChange: 'mon.wr.metric.utilisationChange',
};
export const METRIC_UNIT: Record<LoanMetric, MessageKey> = {
  dpd: 'mon.wr.unit.dpd',
  paidDeclineStreak: 'mon.wr.unit.paidDeclineStreak',
  pd: 'mon.wr.unit.pd',
  pdChange: 'mon.wr.unit.pdChange',
  ltv: 'mon.wr.unit.ltv',
  utilisationChange: 'mon.wr.unit.utilisationChange',
};
const METRIC_RANGE_PROBLEM: Record<LoanMetric, MessageKey> = {
  dpd: 'mon.wr.range.dpd',
  paidDeclineStreak: 'mon.wr.range.paidDeclineStreak',
  pd: 'mon.wr.range.pd',
  pdChange: 'mon.wr.range.pdChange',
  ltv: 'mon.wr.range.ltv',
  utilisationChange: 'mon.wr.range.utilisationChange',
};

export interface LoanRuleRow extends Keyed {
  id: string;
  label: string;
  metric: LoanMetric;
  comparison: Comparison;
  threshold: string;
  level: WarningLevel;
  enabled: boolean;
}

export interface PortfolioRuleRow extends Keyed, Record<Severity, string> {
  id: string;
  indicator: PortfolioIndicatorName;
  enabled: boolean;
}

export interface WarningRulesForm {
  loan: LoanRuleRow[];
  portfolio: PortfolioRuleRow[];
}

export type WarningList = keyof WarningRulesForm;

export function warningFormFrom(rules: WarningRules): WarningRulesForm {
  return {
    loan: rules.loan.map((r) => ({ key: rowKey(), ...r, threshold: String(r.threshold) })),
    portfolio: rules.portfolio.map((r) => ({
      key: rowKey(),
      ...r,
      light: String(r.light),
      moderate: String(r.moderate),
      severe: String(r.severe),
    })),
  };
}

/** Ids are shared by both lists (the engine refuses a repeat anywhere). */
function takenIds(form: WarningRulesForm): string[] {
  return [...form.loan, ...form.portfolio].map((r) => r.id);
}

export function newLoanRow(form: WarningRulesForm): LoanRuleRow {
  return { key: rowKey(), id: uniqueId('rule', takenIds(form)), label: '', metric: 'dpd', comparison: '>=', threshold: '', level: 'yellow', enabled: true };
}

/** A new portfolio rule watches the first indicator no rule watches yet. */
export function newPortfolioRow(form: WarningRulesForm): PortfolioRuleRow {
  const watched = new Set(form.portfolio.map((r) => r.indicator));
  const indicator = PORTFOLIO_INDICATORS.find((i) => !watched.has(i)) ?? PORTFOLIO_INDICATORS[0];
  return { key: rowKey(), id: uniqueId('portfolio', takenIds(form)), indicator, light: '', moderate: '', severe: '', enabled: true };
}

function loanProblem(r: LoanRuleRow): Pick<RowProblem, 'field' | 'problem'> | null {
  if (r.label.trim() === '') return { field: 'label', problem: 'mon.wr.noLabel' };
  const x = parseNumber(r.threshold);
  if (x === null) return { field: 'threshold', problem: 'mon.wr.badNumber' };
  const range = METRIC_RANGE[r.metric];
  if (x < range.min || (range.max !== null && x > range.max) || (range.whole && !Number.isInteger(x))) {
    return { field: 'threshold', problem: METRIC_RANGE_PROBLEM[r.metric] };
  }
  return null;
}

const SEVERITY_FIELDS: readonly Severity[] = ['light', 'moderate', 'severe'];

function portfolioProblem(r: PortfolioRuleRow, earlier: readonly PortfolioRuleRow[]): Pick<RowProblem, 'field' | 'problem'> | null {
  if (earlier.some((e) => e.indicator === r.indicator)) return { field: 'indicator', problem: 'mon.wr.duplicate' };
  const values: number[] = [];
  for (const s of SEVERITY_FIELDS) {
    const x = parseNumber(r[s]);
    if (x === null) return { field: s, problem: 'mon.wr.badNumber' };
    // Every portfolio indicator is a share or a concentration index: typing 5 for 5% is the usual slip.
    if (x < 0 || x > 1) return { field: s, problem: 'mon.wr.share' };
    values.push(x);
  }
  if (values[0] > values[1]) return { field: 'moderate', problem: 'mon.wr.order' };
  if (values[1] > values[2]) return { field: 'severe', problem: 'mon.wr.order' };
  return null;
}

export function warningRulesFrom(form: WarningRulesForm): FormCheck<WarningRules, WarningList> {
  const problems: RowProblem<WarningList>[] = [];
  form.loan.forEach((r, row) => {
    const p = loanProblem(r);
    if (p) problems.push({ list: 'loan', row, ...p });
  });
  form.portfolio.forEach((r, row) => {
    const p = portfolioProblem(r, form.portfolio.slice(0, row));
    if (p) problems.push({ list: 'portfolio', row, ...p });
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      loan: form.loan.map(
        (r): LoanWarningRule => ({
          id: r.id,
          label: r.label.trim(),
          metric: r.metric,
          comparison: r.comparison,
          threshold: Number(r.threshold),
          level: r.level,
          enabled: r.enabled,
        }),
      ),
      portfolio: form.portfolio.map(
        (r): PortfolioWarningRule => ({
          id: r.id,
          indicator: r.indicator,
          light: Number(r.light),
          moderate: Number(r.moderate),
          severe: Number(r.severe),
          enabled: r.enabled,
        }),
      ),
    },
  };
}

/** The engine names rows as `loan[2]` / `portfolio[0]`, in the order they were sent: the form's order. */
export function placeWarningError(at: FieldLocation, form: WarningRulesForm): { list: WarningList; row: number } | null {
  if (at.row === null) return null;
  if (at.list === 'loan' && at.row < form.loan.length) return { list: 'loan', row: at.row };
  if (at.list === 'portfolio' && at.row < form.portfolio.length) return { list: 'portfolio', row: at.row };
  return null;
}

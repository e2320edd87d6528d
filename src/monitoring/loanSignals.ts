/**
 * Loan-level early-warning signals as one SQL relation: per loan per snapshot, the metrics the
 * rules read (days past due, run of falling payments, PD and its monthly change, LTV, utilisation
 * jump) and, per rule, the level it raises. Month-over-month metrics compare with the loan's row
 * at the previous snapshot of the panel only (a loan absent last month has no change).
 */
import { WARNING_LEVELS, type Comparison, type LoanMetric, type LoanWarningRule, type PanelMapping, type WarningLevel } from '../api/monitoring';
import { badInput } from '../api/errors';
import { q } from '../workspace/workspace';
import { hasField, panelRelation, type CanonicalField } from './panel';
import type { SqlParams } from './sql';

/** 1 = yellow, 2 = orange, 3 = red; 0 = no signal. */
export const levelRank = (l: WarningLevel): number => WARNING_LEVELS.indexOf(l) + 1;

const NEEDS: Record<LoanMetric, CanonicalField> = {
  dpd: 'dpd',
  paidDeclineStreak: 'paidAmount',
  pd: 'pd',
  pdChange: 'pd',
  ltv: 'ltv',
  utilisationChange: 'utilisation',
};

const METRIC_SQL: Record<LoanMetric, string> = {
  dpd: 'dpd',
  paidDeclineStreak: 'paid_decline_streak',
  pd: 'pd',
  pdChange: 'pd_change',
  ltv: 'ltv',
  utilisationChange: 'utilisation_change',
};

const WHY: Partial<Record<CanonicalField, string>> = {
  pd: 'the panel has no model PD (map a scores table)',
  paidAmount: 'the panel has no paid amount',
  ltv: 'the panel has no LTV',
  utilisation: 'the panel has no utilisation or credit limit',
};

/** The only operators spliced into SQL (rules are validated on save; this guards the SQL text itself). */
const OPERATOR: Record<Comparison, string> = { '>': '>', '>=': '>=', '<': '<', '<=': '<=' };

/** Enabled rules split into those this panel can evaluate and notes on the rest. */
export function applicableRules(m: PanelMapping, rules: LoanWarningRule[]): { rules: LoanWarningRule[]; notes: string[] } {
  const ok: LoanWarningRule[] = [];
  const notes: string[] = [];
  for (const r of rules.filter((x) => x.enabled)) {
    const need = NEEDS[r.metric];
    if (hasField(m, need)) ok.push(r);
    else notes.push(`Rule "${r.id}" skipped: ${WHY[need] ?? `the panel has no ${need}`}.`);
  }
  return { rules: ok, notes };
}

/** Column of a rule's level in the watchlist. */
export const signalColumn = (r: LoanWarningRule): string => `sig_${r.id}`;

/**
 * Relation with loan_id, snapshot_date, idx (snapshot number), dpd, balance, the rules' metrics,
 * one `sig_<id>` level column per rule and `level_rank` (highest level, 0 = none).
 */
export function loanSignalsSql(m: PanelMapping, rules: LoanWarningRule[], p: SqlParams): string {
  const metrics = new Set(rules.map((r) => r.metric));
  const fields = new Set<CanonicalField>(['dpd', 'balance']);
  for (const metric of metrics) fields.add(NEEDS[metric]);
  const rel = panelRelation(m, [...fields]);
  const prevIs = `lag(idx) OVER w = idx - 1`;
  const derived: string[] = [];
  if (metrics.has('pdChange')) derived.push(`CASE WHEN ${prevIs} THEN pd - lag(pd) OVER w END AS pd_change`);
  if (metrics.has('utilisationChange')) {
    // Utilisation is a fraction; the rule threshold is in percentage points.
    derived.push(`CASE WHEN ${prevIs} THEN 100 * (utilisation - lag(utilisation) OVER w) END AS utilisation_change`);
  }
  if (metrics.has('paidDeclineStreak')) {
    derived.push(`coalesce(${prevIs} AND paid_amount < lag(paid_amount) OVER w, false) AS paid_declined`);
  }
  const withDerived = derived.length
    ? `(SELECT *, ${derived.join(', ')} FROM numbered WINDOW w AS (PARTITION BY loan_id ORDER BY snapshot_date))`
    : 'numbered';
  // Gaps and islands: each non-decline starts a run; the streak is the declines since then.
  const streak = metrics.has('paidDeclineStreak')
    ? `(SELECT *, row_number() OVER (PARTITION BY loan_id, paid_run ORDER BY snapshot_date) - 1 AS paid_decline_streak
          FROM (SELECT *, sum(CASE WHEN paid_declined THEN 0 ELSE 1 END) OVER (PARTITION BY loan_id ORDER BY snapshot_date) AS paid_run
                  FROM ${withDerived}))`
    : withDerived;
  const test = (r: LoanWarningRule) => {
    const metric = METRIC_SQL[r.metric];
    const op = OPERATOR[r.comparison];
    if (!metric || !op) throw badInput(`Warning rule "${r.id}" has an unknown metric or comparison.`, { rule: r.id });
    return `${metric} ${op} ${p.add(r.threshold)}`;
  };
  const sigs = rules.map((r) => `CASE WHEN ${test(r)} THEN ${p.add(r.level)} END AS ${q(signalColumn(r))}`);
  const ranks = rules.map((r) => `CASE WHEN ${test(r)} THEN ${p.add(levelRank(r.level))} ELSE 0 END`);
  const levelRankSql = ranks.length === 0 ? '0' : ranks.length === 1 ? ranks[0] : `greatest(${ranks.join(', ')})`;
  return `(WITH base AS ${rel},
      snaps AS (SELECT snapshot_date, row_number() OVER (ORDER BY snapshot_date) AS idx FROM (SELECT DISTINCT snapshot_date FROM base)),
      numbered AS (SELECT r.*, s.idx FROM base r JOIN snaps s USING (snapshot_date))
    SELECT *, ${[...sigs, `${levelRankSql} AS level_rank`].join(', ')} FROM ${streak})`;
}

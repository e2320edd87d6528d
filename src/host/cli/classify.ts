/**
 * `vigil classify [--panel T] [--rule-set NAME]`: five-tier classification (五级分类) of every loan at
 * every snapshot, written to `<panel>_tiers`; printed per snapshot as loans per tier, NPL ratio and
 * provisions (coverage = provisions / NPL, ratio = provisions / loans).
 */
import { TIERS, type ClassifyResult, type Tier } from '../../api/monitoring';
import type { CliCommand } from './command';
import { formatCount, formatTable } from './format';
import { amount, choosePanel, PANEL_OPTIONS, pct } from './monitoring-options';

export const TIER_HEADER: Record<Tier, string> = {
  normal: 'normal',
  special_mention: 'special mention',
  substandard: 'substandard',
  doubtful: 'doubtful',
  loss: 'loss',
};

export function classifyText(r: ClassifyResult): string {
  const table = formatTable(
    [
      { header: 'snapshot' },
      { header: 'loans', right: true },
      ...TIERS.map((t) => ({ header: TIER_HEADER[t], right: true })),
      { header: 'balance', right: true },
      { header: 'NPL ratio', right: true },
      { header: 'provisions', right: true },
      { header: 'coverage', right: true },
      { header: 'provision ratio', right: true },
    ],
    r.snapshots.map((s) => [
      s.snapshot,
      formatCount(s.loans),
      ...TIERS.map((t) => formatCount(s.tiers.find((c) => c.tier === t)?.count ?? 0)),
      amount(s.balance),
      pct(s.nplRatio),
      amount(s.provisions),
      pct(s.provisionCoverage, 1),
      pct(s.provisionRatio),
    ]),
  );
  const head = `Panel ${r.panel}, rule set ${r.ruleSet}: ${formatCount(r.rows)} loan-snapshots classified into ${r.table}.`;
  return [head, table, ...(r.notes.length ? [r.notes.map((n) => `Note: ${n}`).join('\n')] : [])].join('\n\n');
}

export const classifyCommand: CliCommand = {
  name: 'classify',
  params: '',
  summary: 'Five-tier classification of a panel: loans per tier, NPL ratio and provisions per snapshot.',
  arity: { min: 0, max: 0 },
  options: { ...PANEL_OPTIONS },
  async run({ options, call }) {
    const { args } = await choosePanel(options, call);
    const result = await call('monitoring.classify', args);
    return { json: { ...result }, text: classifyText(result) };
  },
};

/**
 * `vigil warnings [--snapshot DATE] [--limit N]`: early warnings (预警) at one snapshot (the latest by
 * default): loans per level, the portfolio indicators against their light / moderate / severe
 * thresholds (breaches marked), and the first loans of the watchlist, red first.
 */
import { WARNING_LEVELS, type PortfolioIndicatorName, type PortfolioWarningRule, type WarningsResult } from '../../api/monitoring';
import { intOption, type CliCommand } from './command';
import { cellText, formatCount, formatTable } from './format';
import { amount, choosePanel, PANEL_OPTIONS, pct, snapshotOption } from './monitoring-options';

const INDICATOR_NAME: Record<PortfolioIndicatorName, string> = {
  nplRatio: 'NPL ratio',
  normalMigrationRate: 'normal migration rate',
  specialMentionMigrationRate: 'special-mention migration rate',
  substandardMigrationRate: 'substandard migration rate',
  doubtfulMigrationRate: 'doubtful migration rate',
  regionTopShare: 'largest region share',
  regionHhi: 'region concentration (HHI)',
  industryTopShare: 'largest industry share',
  industryHhi: 'industry concentration (HHI)',
};

const isIndex = (name: PortfolioIndicatorName) => name === 'regionHhi' || name === 'industryHhi';
const indicatorValue = (name: PortfolioIndicatorName, v: number | null) => (v === null ? '' : isIndex(name) ? v.toFixed(3) : pct(v));

/** Columns of the watchlist a desk reads first. */
const WATCHLIST_COLUMNS = ['loan_id', 'highest_level', 'signals', 'first_seen', 'dpd', 'balance'] as const;

export interface WarningsAtSnapshot {
  panel: string;
  snapshot: string;
  watchlistTable: string;
  watchlistRows: number;
  notes: string[];
  byLevel: WarningsResult['byLevel'];
  portfolio: WarningsResult['portfolio'];
  /** Loans on the watchlist at the snapshot with signals, red first; at most --limit of them. */
  watchlist: Record<string, unknown>[];
  watchlistTotal: number;
}

export function warningsText(w: WarningsAtSnapshot, rules: PortfolioWarningRule[]): string {
  const levels = formatTable(
    [{ header: 'level' }, { header: 'loans', right: true }, { header: 'balance', right: true }],
    [...WARNING_LEVELS].reverse().map((level) => {
      const b = w.byLevel.find((x) => x.level === level);
      return [level, formatCount(b?.count ?? 0), amount(b?.balance ?? 0)];
    }),
  );
  const indicators = formatTable(
    [
      { header: 'portfolio indicator' },
      { header: 'value', right: true },
      { header: 'light', right: true },
      { header: 'moderate', right: true },
      { header: 'severe', right: true },
      { header: 'status' },
    ],
    w.portfolio.map((p) => {
      const rule = rules.find((r) => r.indicator === p.indicator && r.enabled);
      return [
        INDICATOR_NAME[p.indicator],
        indicatorValue(p.indicator, p.value),
        rule ? indicatorValue(p.indicator, rule.light) : '',
        rule ? indicatorValue(p.indicator, rule.moderate) : '',
        rule ? indicatorValue(p.indicator, rule.severe) : '',
        p.breach ? `BREACH (${p.severity ?? ''})` : p.value === null ? 'no data' : 'ok',
      ];
    }),
  );
  const watchlist =
    w.watchlist.length === 0
      ? 'No loan has a signal at this snapshot.'
      : `Watchlist, first ${formatCount(w.watchlist.length)} of ${formatCount(w.watchlistTotal)} (red first):\n` +
        formatTable(
          WATCHLIST_COLUMNS.map((c) => ({ header: c, right: c === 'dpd' || c === 'balance' })),
          w.watchlist.map((row) => WATCHLIST_COLUMNS.map((c) => (c === 'balance' ? amount(row[c] as number) : cellText(row[c], 30)))),
        );
  return [
    `Early warnings of panel ${w.panel} at ${w.snapshot} (watchlist table ${w.watchlistTable}: ${formatCount(w.watchlistRows)} rows over all snapshots).`,
    levels,
    indicators,
    watchlist,
    ...(w.notes.length ? [w.notes.map((n) => `Note: ${n}`).join('\n')] : []),
  ].join('\n\n');
}

export const warningsCommand: CliCommand = {
  name: 'warnings',
  params: '',
  summary: 'Early warnings at a snapshot: loans per level, portfolio indicators and breaches, the watchlist.',
  arity: { min: 0, max: 0 },
  options: {
    snapshot: { type: 'string', value: 'DATE', description: 'Snapshot, YYYY-MM-DD (default: the latest).' },
    limit: { type: 'string', value: 'N', description: 'Watchlist loans to list (default 20).' },
    ...PANEL_OPTIONS,
  },
  async run({ options, call }) {
    const limit = intOption(options, 'limit', 0, 100_000) ?? 20;
    const { args, info } = await choosePanel(options, call);
    const snapshot = snapshotOption(options, 'snapshot', info, info.snapshots[info.snapshots.length - 1]);
    const result = await call('monitoring.warnings', args);
    const rules = await call('monitoring.warningRules', {});
    const byLevel = result.byLevel.filter((b) => b.snapshot === snapshot);
    // Red first: one drill per level, as many rows as are still wanted.
    const watchlist: Record<string, unknown>[] = [];
    for (const level of [...WARNING_LEVELS].reverse()) {
      const wanted = limit - watchlist.length;
      if (wanted <= 0 || !byLevel.some((b) => b.level === level)) continue;
      const d = await call('monitoring.drill', { ...args, cell: { kind: 'warning', snapshot, level }, limit: wanted });
      watchlist.push(...d.rows);
    }
    const at: WarningsAtSnapshot = {
      panel: result.panel,
      snapshot,
      watchlistTable: result.watchlistTable,
      watchlistRows: result.watchlistRows,
      notes: result.notes,
      byLevel,
      portfolio: result.portfolio.filter((p) => p.snapshot === snapshot),
      watchlist,
      watchlistTotal: byLevel.reduce((s, b) => s + b.count, 0),
    };
    return { json: { ...at }, text: warningsText(at, rules.portfolio) };
  },
};

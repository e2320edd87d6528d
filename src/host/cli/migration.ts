/**
 * `vigil migration --from DATE --to DATE [--by count|balance]`: the tier-to-tier migration matrix
 * (迁徙矩阵) between two snapshots. Each cell is its row share (by count or balance) with the loans
 * behind it; loans that left the book are the "exited" column, new loans are listed below.
 */
import { MIGRATION_COLUMNS, TIERS, type MigrationMatrix, type MigrationTo } from '../../api/monitoring';
import { badInput } from '../../api/errors';
import { choiceOption, type CliCommand } from './command';
import { TIER_HEADER } from './classify';
import { formatCount, formatTable } from './format';
import { amount, choosePanel, PANEL_OPTIONS, pct, snapshotOption } from './monitoring-options';

type By = 'count' | 'balance';

const columnHeader = (to: MigrationTo) => (to === 'exited' ? 'exited' : TIER_HEADER[to]);

export function migrationText(m: MigrationMatrix, by: By, panel: string): string {
  const matrix = formatTable(
    [
      { header: 'from \\ to' },
      ...MIGRATION_COLUMNS.map((to) => ({ header: columnHeader(to), right: true })),
      { header: by === 'count' ? 'loans at start' : 'balance at start', right: true },
    ],
    m.rows.map((row) => [
      TIER_HEADER[row.from],
      ...MIGRATION_COLUMNS.map((to) => {
        const c = row.cells.find((x) => x.to === to);
        if (!c) return '';
        const share = by === 'count' ? c.countShare : c.balanceShare;
        return share === null ? '' : `${pct(share)} (${formatCount(c.count)})`;
      }),
      by === 'count' ? formatCount(row.count) : amount(row.balance),
    ]),
  );
  const entered = m.entered.filter((e) => e.count > 0);
  const enteredText =
    entered.length === 0
      ? `No loan entered the book between ${m.from} and ${m.to}.`
      : `Entered the book by ${m.to}: ${formatCount(entered.reduce((s, e) => s + e.count, 0))} loans (${entered
          .sort((a, b) => TIERS.indexOf(a.to) - TIERS.indexOf(b.to))
          .map((e) => `${TIER_HEADER[e.to]} ${formatCount(e.count)}`)
          .join(', ')}).`;
  return [`Migration of panel ${panel}, ${m.from} → ${m.to}, row shares by ${by} (loans in brackets).`, matrix, enteredText].join('\n\n');
}

export const migrationCommand: CliCommand = {
  name: 'migration',
  params: '',
  summary: 'Tier-to-tier migration matrix between two snapshots, by count or balance.',
  arity: { min: 0, max: 0 },
  options: {
    from: { type: 'string', value: 'DATE', description: 'Start snapshot, YYYY-MM-DD (required).' },
    to: { type: 'string', value: 'DATE', description: 'End snapshot, YYYY-MM-DD (required).' },
    by: { type: 'string', value: 'count|balance', description: 'Row shares by loan count (default) or by balance.' },
    ...PANEL_OPTIONS,
  },
  async run({ options, call }) {
    const by = choiceOption(options, 'by', ['count', 'balance'] as const) ?? 'count';
    const { args, info } = await choosePanel(options, call);
    const from = snapshotOption(options, 'from', info);
    const to = snapshotOption(options, 'to', info);
    if (from >= to) throw badInput(`--to (${to}) must be a later snapshot than --from (${from}).`, { option: 'to', value: to });
    const matrix = await call('monitoring.migration', { ...args, from, to });
    return { json: { panel: args.panel, by, ...matrix }, text: migrationText(matrix, by, args.panel) };
  },
};

/**
 * `vigil panels [--from-uci TABLE [--target T] [--replace]]`: the performance panels the monitoring
 * commands can work on (the sample portfolio maps itself), and turning the imported UCI table
 * (PAY_6..PAY_0 = April..September 2005 repayment status) into a monthly panel.
 */
import type { PanelInfo } from '../../api/monitoring';
import { stringOption, type CliCommand } from './command';
import { formatCount, formatTable } from './format';

export function panelsText(panels: PanelInfo[]): string {
  if (panels.length === 0) return 'No performance panel yet: run `vigil sample`, or `vigil panels --from-uci TABLE` after importing the UCI data.';
  return formatTable(
    [
      { header: 'panel' },
      { header: 'table' },
      { header: 'loans', right: true },
      { header: 'rows', right: true },
      { header: 'snapshots' },
      { header: 'rule set' },
      { header: 'problem' },
    ],
    panels.map((p) => [
      p.mapping.panel,
      p.mapping.table,
      formatCount(p.loans),
      formatCount(p.rows),
      p.snapshots.length === 0 ? '' : `${p.snapshots[0]} … ${p.snapshots[p.snapshots.length - 1]} (${p.snapshots.length})`,
      p.mapping.ruleSet ?? 'retail_2023',
      p.problem ?? '',
    ]),
  );
}

export const panelsCommand: CliCommand = {
  name: 'panels',
  params: '',
  summary: 'List the performance panels, or build one from the imported UCI table (--from-uci).',
  arity: { min: 0, max: 0 },
  options: {
    'from-uci': { type: 'string', value: 'TABLE', description: 'Turn this imported UCI credit-card table into a monthly panel (PAY_6..PAY_0 = Apr..Sep 2005).' },
    target: { type: 'string', value: 'T', description: 'Name of the panel table to write (default <TABLE>_panel).' },
    replace: { type: 'boolean', description: 'Overwrite the panel table if it exists.' },
  },
  async run({ options, call }) {
    const uci = stringOption(options, 'from-uci');
    if (uci !== undefined) {
      const target = stringOption(options, 'target') ?? `${uci}_panel`;
      const info = await call('monitoring.panelFromUci', { table: uci, target, replace: options.replace === true });
      return { json: { panel: info }, text: `Panel "${info.mapping.panel}" written to ${info.mapping.table}.\n\n${panelsText([info])}` };
    }
    const panels = await call('monitoring.panels', {});
    return { json: { panels }, text: panelsText(panels) };
  },
};

/** `vigil sample`: generate the synthetic portfolio (the embedded default data). */
import type { CliCommand } from './command';
import { intOption } from './command';
import { formatCount, formatSeconds, formatTable } from './format';
import { LIMITS } from '../../sample/calibration';

export const sampleCommand: CliCommand = {
  name: 'sample',
  params: '',
  summary: 'Generate the synthetic loan portfolio (same seed, same data).',
  arity: { min: 0, max: 0 },
  options: {
    loans: { type: 'string', value: 'N', description: `Number of loans (default 50,000; at most ${LIMITS.maxLoans.toLocaleString('en-US')}).` },
    months: { type: 'string', value: 'N', description: `Monthly snapshots (default 24; ${LIMITS.minMonths} to ${LIMITS.maxMonths}).` },
    seed: { type: 'string', value: 'N', description: 'Random seed.' },
    replace: { type: 'boolean', description: 'Replace existing sample tables.' },
  },
  async run({ options, call }) {
    const result = await call('sample.generate', {
      // The engine's own limits, so the CLI refuses exactly what the engine would, before starting.
      loans: intOption(options, 'loans', LIMITS.minLoans, LIMITS.maxLoans),
      months: intOption(options, 'months', LIMITS.minMonths, LIMITS.maxMonths),
      seed: intOption(options, 'seed', 0, 2 ** 31 - 1),
      replace: options.replace === true,
    });
    const table = formatTable(
      [{ header: 'table' }, { header: 'rows', right: true }],
      result.tables.map((t) => [t.name, formatCount(t.rows)]),
    );
    return {
      json: { ...result },
      text: `Sample portfolio: ${formatCount(result.loans)} loans × ${result.months} months, seed ${result.seed}, in ${formatSeconds(result.elapsedMs)}\n\n${table}`,
    };
  },
};

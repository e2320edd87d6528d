/**
 * The watchlist (预警名单) of one snapshot: every loan with a signal, red first, with the rules that
 * fired and the date it first appeared in its current run of signals. Read through the drill-down,
 * one query per level, so the rows are exactly those behind the level counts.
 */
import { useMemo, useState } from 'react';
import type { DrillResult, WarningLevel } from '../../../src/api/monitoring';
import { VirtualGrid } from '../../grid/VirtualGrid';
import { useI18n } from '../../i18n/I18nProvider';
import { OpStatus } from './OpStatus';
import { useOp, type OpHandle } from './opStore';
import { recordCells, recordColumns } from './recordGrid';
import { useScope } from './scope';
import { Toggle } from './Toggle';

/** Loans per level brought into the grid (the counts above always cover all of them). */
export const WATCHLIST_LIMIT = 5000;
/** Columns a desk reads first; the per-rule signal columns follow. */
const LEADING = ['loan_id', 'highest_level', 'signals', 'first_seen', 'dpd', 'balance'];
const HIDDEN = new Set(['level_rank', 'snapshot_date']);

type LevelFilter = 'all' | WarningLevel;

export function Watchlist({ snapshot, counts }: { snapshot: string; counts: number[] }) {
  const { t, fmt } = useI18n();
  const { panel, ruleSet } = useScope();
  const [level, setLevel] = useState<LevelFilter>('all');
  const args = (l: WarningLevel) => ({ panel, ruleSet, cell: { kind: 'warning' as const, snapshot, level: l }, limit: WATCHLIST_LIMIT });
  const red = useOp('monitoring.drill', args('red'));
  const orange = useOp('monitoring.drill', args('orange'));
  const yellow = useOp('monitoring.drill', args('yellow'));
  const byLevel: [WarningLevel, OpHandle<'monitoring.drill'>][] = [
    ['red', red],
    ['orange', orange],
    ['yellow', yellow],
  ];
  const pending = byLevel.find(([, h]) => h.entry?.state !== 'done');

  const grid = useMemo(() => {
    const results: [WarningLevel, DrillResult | null][] = [
      ['red', red.result],
      ['orange', orange.result],
      ['yellow', yellow.result],
    ];
    const rows = results.filter(([l]) => level === 'all' || l === level).flatMap(([, r]) => r?.rows ?? []);
    const all = recordColumns(rows).filter((c) => !HIDDEN.has(c.name));
    const columns = [...LEADING.flatMap((n) => all.filter((c) => c.name === n)), ...all.filter((c) => !LEADING.includes(c.name))];
    return { columns, rows: recordCells(rows, columns) };
  }, [red.result, orange.result, yellow.result, level]);
  const total = counts.reduce((s, n) => s + n, 0);
  const truncated = byLevel.some(([, h]) => h.result?.truncated);

  return (
    <section className="panel mon-card mon-watchlist" data-testid="watchlist">
      <header className="mon-card-header">
        <h3>{t('mon.watchlist.title')}</h3>
        <span className="muted small" data-testid="watchlist-count">
          {t('mon.watchlist.count', { n: fmt.int(total), snapshot })}
          {truncated ? ` ${t('mon.watchlist.truncated', { limit: fmt.int(WATCHLIST_LIMIT) })}` : ''}
        </span>
        <span className="spacer" />
        <Toggle
          value={level}
          options={[
            { value: 'all', label: 'mon.watchlist.all' },
            { value: 'red', label: 'mon.level.red' },
            { value: 'orange', label: 'mon.level.orange' },
            { value: 'yellow', label: 'mon.level.yellow' },
          ]}
          onChange={setLevel}
          labelKey="mon.watchlist.filter"
          testId="watchlist-level"
        />
      </header>
      {pending && <OpStatus handle={pending[1]} running="mon.run.watchlist" testId="watchlist" />}
      {!pending && grid.rows.length === 0 && <p className="muted">{t('mon.watchlist.empty')}</p>}
      {!pending && grid.rows.length > 0 && (
        <div className="mon-grid-box">
          <VirtualGrid key={`${snapshot}|${level}`} columns={grid.columns} rowCount={grid.rows.length} getRow={(i) => grid.rows[i]} testId="watchlist-grid" />
        </div>
      )}
    </section>
  );
}

/**
 * Migration (迁徙): the tier-to-tier matrix between two snapshots the user picks (row shares by count
 * or balance, with the loans that left the book), and the regulatory migration rates (迁徙率) per
 * period, whose denominators leave out what was repaid or written off during the period.
 */
import { useCallback, useMemo, useState } from 'react';
import { MIGRATION_COLUMNS, TIERS, type MigrationMatrix, type MigrationRatePoint, type MigrationTo } from '../../../src/api/monitoring';
import { migrationHeatmapChart } from '../../charts/monitoring-heatmap';
import { rateLinesChart } from '../../charts/monitoring-rateLines';
import { SERIES_PALETTE, snapshotLabel } from '../../charts/monitoring-theme';
import { useI18n } from '../../i18n/I18nProvider';
import { useAmount, useShare } from './amount';
import { ChartFigure } from './ChartFigure';
import { RATE_LABEL, TIER_LABEL } from './labels';
import { OpStatus } from './OpStatus';
import { useOp } from './opStore';
import { useScope } from './scope';
import { migrationCells, migrationRatePoints, migrationRowSummary, RATE_SERIES, type Measure } from './shape';
import { MEASURE_OPTIONS, Toggle } from './Toggle';
import { useWords } from './words';

export function MigrationTab() {
  const { t } = useI18n();
  const { info } = useScope();
  const snapshots = info.snapshots;
  const [from, setFrom] = useState(snapshots[Math.max(0, snapshots.length - 2)] ?? '');
  const [to, setTo] = useState(snapshots[snapshots.length - 1] ?? '');
  const [by, setBy] = useState<Measure>('balance');
  if (snapshots.length < 2) return <p className="muted pad">{t('mon.migration.needTwo')}</p>;
  const select = (value: string, set: (v: string) => void, label: 'mon.migration.from' | 'mon.migration.to', testId: string) => (
    <label className="mon-field">
      <span>{t(label)}</span>
      <select className="input input-small" value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
        {snapshots.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="mon-tab" data-testid="mon-migration">
      <div className="mon-row">
        <section className="panel mon-card mon-grow" data-testid="migration-matrix">
          <header className="mon-card-header">
            <h3>{t('mon.migration.title')}</h3>
            {select(from, setFrom, 'mon.migration.from', 'migration-from')}
            {select(to, setTo, 'mon.migration.to', 'migration-to')}
            <span className="spacer" />
            <Toggle value={by} options={MEASURE_OPTIONS} onChange={setBy} labelKey="mon.by.label" testId="migration-by" />
          </header>
          {from < to ? <Matrix from={from} to={to} by={by} /> : <p className="muted">{t('mon.migration.order')}</p>}
        </section>
      </div>
      <Rates by={by} />
    </div>
  );
}

function Matrix({ from, to, by }: { from: string; to: string; by: Measure }) {
  const { t, fmt } = useI18n();
  const { panel, ruleSet } = useScope();
  const h = useOp('monitoring.migration', { panel, ruleSet, from, to });
  return (
    <>
      <OpStatus handle={h} running="mon.run.migration" testId="migration" />
      {h.result && (
        <div className="mon-row">
          <div className="mon-grow">
            <Heatmap m={h.result} by={by} />
          </div>
          <RowSummary m={h.result} by={by} />
        </div>
      )}
      {h.result && (
        <p className="muted small" data-testid="migration-entered">
          {t('mon.migration.entered', {
            n: fmt.int(h.result.entered.reduce((s, e) => s + e.count, 0)),
            to: snapshotLabel(to),
          })}
        </p>
      )}
    </>
  );
}

function Heatmap({ m, by }: { m: MigrationMatrix; by: Measure }) {
  const { t, fmt } = useI18n();
  const { drill } = useScope();
  const words = useWords();
  const amount = useAmount();
  const cells = useMemo(() => migrationCells(m, by, words), [m, by, words]);
  const options = useCallback(
    (width: number) =>
      migrationHeatmapChart(cells, {
        rows: TIERS,
        columns: MIGRATION_COLUMNS,
        rowLabel: (k) => {
          const row = m.rows.find((r) => r.from === k);
          const size = row ? (by === 'count' ? fmt.int(row.count) : amount(row.balance)) : '0';
          return `${words.tier(k as MigrationTo)} · ${size}`;
        },
        columnLabel: (k) => words.tier(k as MigrationTo),
        xLabel: t('mon.migration.xLabel', { to: snapshotLabel(m.to) }),
        yLabel: t('mon.migration.yLabel', { from: snapshotLabel(m.from) }),
        width: Math.min(width, 760),
      }),
    [cells, m, by, words, t, fmt, amount],
  );
  return (
    <ChartFigure
      options={options}
      testId="migration-heatmap"
      onPick={(i) => {
        const c = cells[i];
        if (!c) return;
        drill({
          cell: { kind: 'migration', from: m.from, to: m.to, fromTier: c.fromTier, toTier: c.toTier },
          title: `${words.tier(c.fromTier)} → ${words.tier(c.toTier)} · ${snapshotLabel(m.from)} → ${snapshotLabel(m.to)}`,
        });
      }}
    />
  );
}

function RowSummary({ m, by }: { m: MigrationMatrix; by: Measure }) {
  const { t, fmt } = useI18n();
  const amount = useAmount();
  const share = useShare();
  const rows = useMemo(() => migrationRowSummary(m, by), [m, by]);
  return (
    <div className="mon-side mon-side-wide">
      <table className="mon-table" data-testid="migration-summary">
        <thead>
          <tr>
            <th>{t('mon.migration.fromTier')}</th>
            <th className="num">{by === 'count' ? t('mon.col.loans') : t('mon.col.balance')}</th>
            <th className="num">{t('mon.migration.upgraded')}</th>
            <th className="num">{t('mon.migration.same')}</th>
            <th className="num">{t('mon.migration.downgraded')}</th>
            <th className="num">{t('mon.migration.exited')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.from}>
              <td>
                <span className="mon-swatch" data-tier={r.from} />
                {t(TIER_LABEL[r.from])}
              </td>
              <td className="num">{by === 'count' ? fmt.int(r.size) : amount(r.size)}</td>
              <td className="num mon-good">{share(r.upgraded, 1)}</td>
              <td className="num">{share(r.same, 1)}</td>
              <td className="num mon-bad">{share(r.downgraded, 1)}</td>
              <td className="num">{share(r.exited, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Rates({ by }: { by: Measure }) {
  const { t } = useI18n();
  const { panel, ruleSet } = useScope();
  const h = useOp('monitoring.migrationRates', { panel, ruleSet });
  return (
    <section className="panel mon-card" data-testid="migration-rates">
      <header className="mon-card-header">
        <h3>{t('mon.rates.title')}</h3>
        <span className="muted small">{t('mon.rates.hint')}</span>
      </header>
      <OpStatus handle={h} running="mon.run.rates" testId="rates" />
      {h.result && h.result.length > 0 && <RatesView points={h.result} by={by} />}
    </section>
  );
}

function RatesView({ points, by }: { points: MigrationRatePoint[]; by: Measure }) {
  const { t, fmt } = useI18n();
  const words = useWords();
  const share = useShare();
  const data = useMemo(() => migrationRatePoints(points, by, (n) => t(RATE_LABEL[n]), words), [points, by, t, words]);
  const options = useCallback(
    (width: number) =>
      rateLinesChart(data, {
        series: RATE_SERIES,
        colors: SERIES_PALETTE.slice(0, RATE_SERIES.length),
        seriesLabel: (k) => t(RATE_LABEL[k as (typeof RATE_SERIES)[number]]),
        width,
        height: 230,
      }),
    [data, t],
  );
  const latest = points[points.length - 1];
  return (
    <div className="mon-row">
      <div className="mon-grow">
        <ChartFigure options={options} testId="rates-chart" />
      </div>
      <div className="mon-side mon-side-wide">
        <table className="mon-table" data-testid="rates-table">
          <caption>{t('mon.rates.latest', { start: snapshotLabel(latest.start), end: snapshotLabel(latest.end) })}</caption>
          <thead>
            <tr>
              <th>{t('mon.rates.rate')}</th>
              <th className="num">{t('mon.rates.value')}</th>
              <th className="num">{t('mon.rates.migrated')}</th>
              <th className="num">{t('mon.rates.base')}</th>
              <th className="num">{t('mon.rates.reduced')}</th>
            </tr>
          </thead>
          <tbody>
            {latest.rates.map((r) => (
              <tr key={r.name}>
                <td>{t(RATE_LABEL[r.name])}</td>
                <td className="num">{share(by === 'count' ? r.byCount : r.byBalance)}</td>
                <td className="num">{fmt.int(r.migrated)}</td>
                <td className="num">{fmt.int(r.base)}</td>
                <td className="num">{fmt.int(r.reduced)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

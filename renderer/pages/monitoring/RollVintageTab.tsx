/**
 * Roll rates (滚动率) and vintages (账龄分析): how balances flow forward through the delinquency
 * buckets period by period, the pooled flow-rate waterfall, and the cumulative 30+/90+ curves of
 * each origination cohort by months on book.
 */
import { useCallback, useMemo, useState } from 'react';
import type { RollRateResult, VintageCurve } from '../../../src/api/monitoring';
import { rateLinesChart } from '../../charts/monitoring-rateLines';
import { SERIES_PALETTE } from '../../charts/monitoring-theme';
import { vintageChart } from '../../charts/monitoring-vintage';
import { flowWaterfallChart } from '../../charts/monitoring-waterfall';
import { useI18n } from '../../i18n/I18nProvider';
import { ChartFigure } from './ChartFigure';
import { OpStatus } from './OpStatus';
import { useOp } from './opStore';
import { useScope } from './scope';
import { ROLL_STEPS, rollForwardPoints, rollStepKey, rollStepLabel, vintagePoints, waterfallSteps, type Measure, type VintageView } from './shape';
import { MEASURE_OPTIONS, Toggle } from './Toggle';
import { useWords } from './words';

export function RollVintageTab() {
  return (
    <div className="mon-tab" data-testid="mon-roll">
      <Roll />
      <Vintages />
    </div>
  );
}

function Roll() {
  const { t } = useI18n();
  const { panel } = useScope();
  const h = useOp('monitoring.rollRates', { panel });
  const [by, setBy] = useState<Measure>('balance');
  return (
    <div className="mon-row">
      <section className="panel mon-card mon-grow" data-testid="roll-rates">
        <header className="mon-card-header">
          <h3>{t('mon.roll.title')}</h3>
          <span className="muted small">{t('mon.roll.hint')}</span>
          <span className="spacer" />
          <Toggle value={by} options={MEASURE_OPTIONS} onChange={setBy} labelKey="mon.by.label" testId="roll-by" />
        </header>
        <OpStatus handle={h} running="mon.run.roll" testId="roll" />
        {h.result && <RollLines roll={h.result} by={by} />}
      </section>
      <section className="panel mon-card mon-side mon-side-wide" data-testid="roll-waterfall">
        <header className="mon-card-header">
          <h3>{t('mon.waterfall.title')}</h3>
        </header>
        {h.result && <Waterfall roll={h.result} />}
        <p className="muted small">{t('mon.waterfall.hint')}</p>
      </section>
    </div>
  );
}

function RollLines({ roll, by }: { roll: RollRateResult; by: Measure }) {
  const words = useWords();
  const data = useMemo(() => rollForwardPoints(roll, by, words), [roll, by, words]);
  const options = useCallback(
    (width: number) =>
      rateLinesChart(data, {
        series: ROLL_STEPS.map(rollStepKey),
        colors: SERIES_PALETTE.slice(0, ROLL_STEPS.length),
        seriesLabel: (k) => {
          const step = ROLL_STEPS.find((s) => rollStepKey(s) === k);
          return step ? rollStepLabel(step, words) : k;
        },
        // current → 1–30 is a fraction of a percent, 61–90 → 90+ most of the balance: a log axis shows both.
        log: true,
        width,
        height: 240,
      }),
    [data, words],
  );
  return <ChartFigure options={options} testId="roll-chart" />;
}

function Waterfall({ roll }: { roll: RollRateResult }) {
  const { t } = useI18n();
  const words = useWords();
  const steps = useMemo(() => waterfallSteps(roll, words), [roll, words]);
  const options = useCallback(
    (width: number) => flowWaterfallChart(steps, { cumulativeText: (share) => t('mon.waterfall.cumulative', { share }), width, height: 250 }),
    [steps, t],
  );
  return <ChartFigure options={options} testId="waterfall-chart" />;
}

function Vintages() {
  const { t } = useI18n();
  const { panel, info } = useScope();
  const [view, setView] = useState<VintageView>({ threshold: 30, by: 'count', cohortBy: 'month', includeCensored: false });
  const canRun = info.fields.includes('originationMonth');
  const h = useOp('monitoring.vintages', canRun ? { panel, cohortBy: view.cohortBy } : null);
  return (
    <section className="panel mon-card" data-testid="vintages">
      <header className="mon-card-header">
        <h3>{t('mon.vintage.title')}</h3>
        <span className="spacer" />
        <Toggle
          value={view.threshold}
          options={[
            { value: 30, label: 'mon.vintage.30' },
            { value: 90, label: 'mon.vintage.90' },
          ]}
          onChange={(threshold) => setView((v) => ({ ...v, threshold }))}
          labelKey="mon.vintage.threshold"
          testId="vintage-threshold"
        />
        <Toggle value={view.by} options={MEASURE_OPTIONS} onChange={(by) => setView((v) => ({ ...v, by }))} labelKey="mon.by.label" testId="vintage-by" />
        <Toggle
          value={view.cohortBy}
          options={[
            { value: 'month', label: 'mon.vintage.byMonth' },
            { value: 'quarter', label: 'mon.vintage.byQuarter' },
          ]}
          onChange={(cohortBy) => setView((v) => ({ ...v, cohortBy }))}
          labelKey="mon.vintage.cohortBy"
          testId="vintage-cohort"
        />
        <label className="check mon-check">
          <input type="checkbox" checked={view.includeCensored} onChange={(e) => setView((v) => ({ ...v, includeCensored: e.target.checked }))} data-testid="vintage-censored" />
          <span>{t('mon.vintage.censored')}</span>
        </label>
      </header>
      {!canRun && <p className="muted">{t('mon.vintage.needOrigination')}</p>}
      <OpStatus handle={h} running="mon.run.vintage" testId="vintage" />
      {h.result && <VintageCurves curves={h.result} view={view} />}
    </section>
  );
}

function VintageCurves({ curves, view }: { curves: VintageCurve[]; view: VintageView }) {
  const { t, fmt } = useI18n();
  const { drill } = useScope();
  const words = useWords();
  const data = useMemo(() => vintagePoints(curves, view, words), [curves, view, words]);
  const options = useCallback(
    (width: number) => vintageChart(data.points, { cohorts: data.cohorts, xLabel: t('mon.vintage.mob'), width, height: 300 }),
    [data, t],
  );
  if (data.points.length === 0) return <p className="muted">{t('mon.vintage.empty')}</p>;
  return (
    <>
      <ChartFigure
        options={options}
        testId="vintage-chart"
        onPick={(i) => {
          const p = data.points[i];
          if (!p) return;
          drill({
            cell: { kind: 'vintage', cohort: p.cohortDate, cohortBy: view.cohortBy, mob: p.mob, threshold: view.threshold },
            title: t('mon.vintage.drillTitle', { cohort: p.cohort, mob: p.mob, threshold: view.threshold }),
          });
        }}
      />
      <p className="muted small">
        {t('mon.vintage.caption', { cohorts: fmt.int(data.cohorts.length) })}
        {data.hidden > 0 && ` ${t('mon.vintage.hidden', { n: fmt.int(data.hidden) })}`}
      </p>
    </>
  );
}

/**
 * Early warning (预警): signals by level over time (黄/橙/红), the portfolio indicators against their
 * light / moderate / severe thresholds (a breach is shown in red), and the watchlist of one snapshot.
 */
import { useCallback, useMemo, useState } from 'react';
import { WARNING_LEVELS, type WarningLevel, type WarningRules, type WarningsResult } from '../../../src/api/monitoring';
import { stackedBarsChart } from '../../charts/monitoring-stackedBars';
import { snapshotLabel, WARNING_COLORS } from '../../charts/monitoring-theme';
import { useI18n } from '../../i18n/I18nProvider';
import { ChartFigure } from './ChartFigure';
import { EngineNotes } from './EngineNotes';
import { LEVEL_LABEL } from './labels';
import { OpStatus } from './OpStatus';
import { STALE_AFTER_WARNING_RULES, useOp, useOpStore } from './opStore';
import { PortfolioIndicators } from './PortfolioIndicators';
import { useScope } from './scope';
import { warningSegments } from './shape';
import { WarningRulesDialog } from './WarningRulesDialog';
import { Watchlist } from './Watchlist';
import { useWords } from './words';

export function WarningsTab() {
  const { t } = useI18n();
  const { panel, ruleSet } = useScope();
  const store = useOpStore();
  const [editing, setEditing] = useState(false);
  const h = useOp('monitoring.warnings', { panel, ruleSet });
  const rules = useOp('monitoring.warningRules', {});
  return (
    <div className="mon-tab" data-testid="mon-warnings">
      <div className="toolbar">
        <button type="button" className="btn" onClick={() => setEditing(true)} data-testid="warning-rules-open">
          {t('mon.wr.open')}
        </button>
      </div>
      {editing && (
        <WarningRulesDialog
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            store.forget(STALE_AFTER_WARNING_RULES);
          }}
        />
      )}
      <OpStatus handle={h} running="mon.run.warnings" testId="warnings" />
      {h.result && <Warnings result={h.result} rules={rules.result} />}
      {h.result && <EngineNotes notes={h.result.notes} summary="mon.warnings.notes" />}
    </div>
  );
}

function Warnings({ result, rules }: { result: WarningsResult; rules: WarningRules | null }) {
  const { t, fmt } = useI18n();
  const { info, drill } = useScope();
  const words = useWords();
  const snapshots = info.snapshots;
  const [snapshot, setSnapshot] = useState(snapshots[snapshots.length - 1] ?? '');
  const segments = useMemo(() => warningSegments(result.byLevel, words), [result, words]);
  const options = useCallback(
    (width: number) =>
      stackedBarsChart(segments, {
        keys: WARNING_LEVELS,
        colors: WARNING_LEVELS.map((l) => WARNING_COLORS[l]),
        keyLabel: (k) => words.level(k as WarningLevel),
        yLabel: t('mon.warnings.loans'),
        width,
        height: 230,
      }),
    [segments, words, t],
  );
  const drillLevel = (snap: string, level: WarningLevel) =>
    drill({ cell: { kind: 'warning', snapshot: snap, level }, title: `${t(LEVEL_LABEL[level])} · ${snapshotLabel(snap)}` });
  const atSnapshot = (level: WarningLevel) => result.byLevel.find((b) => b.snapshot === snapshot && b.level === level);

  return (
    <>
      <div className="mon-row">
        <section className="panel mon-card mon-grow" data-testid="warning-counts">
          <header className="mon-card-header">
            <h3>{t('mon.warnings.title')}</h3>
            <span className="muted small">{t('mon.drillHint')}</span>
          </header>
          <ChartFigure
            options={options}
            testId="warning-chart"
            onPick={(i) => {
              const s = segments[i];
              if (s) drillLevel(s.snapshot, s.level);
            }}
          />
        </section>
        <section className="panel mon-card mon-side" data-testid="warning-levels">
          <header className="mon-card-header">
            <h3>{t('mon.warnings.at')}</h3>
            <span className="spacer" />
            <select className="input input-small" aria-label={t('mon.snapshot')} value={snapshot} onChange={(e) => setSnapshot(e.target.value)} data-testid="warning-snapshot">
              {[...snapshots].reverse().map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </header>
          <ul className="mon-levels">
            {[...WARNING_LEVELS].reverse().map((level) => {
              const b = atSnapshot(level);
              return (
                <li key={level} data-level={level}>
                  <span className="mon-swatch" data-level={level} />
                  <span className="mon-level-name">{t(LEVEL_LABEL[level])}</span>
                  <button type="button" className="link mon-drill-link" data-testid="warning-count" disabled={!b} onClick={() => drillLevel(snapshot, level)}>
                    {fmt.int(b?.count ?? 0)}
                  </button>
                  <span className="muted">{b ? words.amount(b.balance) : ''}</span>
                </li>
              );
            })}
          </ul>
          <p className="muted small">{t('mon.warnings.table', { table: result.watchlistTable, rows: fmt.int(result.watchlistRows) })}</p>
        </section>
      </div>
      <PortfolioIndicators result={result} rules={rules} snapshot={snapshot} />
      <Watchlist snapshot={snapshot} counts={WARNING_LEVELS.map((l) => atSnapshot(l)?.count ?? 0)} />
    </>
  );
}

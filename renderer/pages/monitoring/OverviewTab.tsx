/**
 * Five-tier classification (五级分类) at a glance: the KPI tiles, the tier mix over time, and one
 * snapshot's tiers (and grades inside them) with counts, balances and provisions. Every bar segment
 * and every count opens the loans behind it.
 */
import { useCallback, useMemo, useState } from 'react';
import { TIERS, type ClassifyResult, type Tier, type TierSnapshot } from '../../../src/api/monitoring';
import { stackedBarsChart } from '../../charts/monitoring-stackedBars';
import { snapshotLabel, TIER_COLORS } from '../../charts/monitoring-theme';
import { useI18n } from '../../i18n/I18nProvider';
import { useAmount, useShare } from './amount';
import { ChartFigure } from './ChartFigure';
import { EngineNotes } from './EngineNotes';
import { KpiTiles } from './KpiTiles';
import { BUILTIN_GRADE_LABEL, builtinKey, TIER_LABEL } from './labels';
import { OpStatus } from './OpStatus';
import { useOp } from './opStore';
import { useScope } from './scope';
import { tierKpis, tierMixSegments, type Measure } from './shape';
import { MEASURE_OPTIONS, Toggle } from './Toggle';
import { useWords } from './words';

export function OverviewTab() {
  const { t } = useI18n();
  const { panel, ruleSet } = useScope();
  const classify = useOp('monitoring.classify', { panel, ruleSet });
  const result = classify.result;
  return (
    <div className="mon-tab" data-testid="mon-overview">
      <OpStatus handle={classify} running="mon.run.classify" testId="classify" />
      {result && result.snapshots.length === 0 && <p className="muted">{t('mon.noSnapshots')}</p>}
      {result && result.snapshots.length > 0 && <Overview result={result} />}
    </div>
  );
}

function Overview({ result }: { result: ClassifyResult }) {
  const { t } = useI18n();
  const { drill } = useScope();
  const words = useWords();
  const [by, setBy] = useState<Measure>('balance');
  // Normal loans are nearly the whole book: with them the other four tiers are a sliver at the top.
  const [withNormal, setWithNormal] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  const kpis = useMemo(() => tierKpis(result.snapshots), [result]);
  const keys = useMemo(() => (withNormal ? [...TIERS] : TIERS.filter((x) => x !== 'normal')), [withNormal]);
  const segments = useMemo(
    () => tierMixSegments(result.snapshots, by, words).filter((s) => withNormal || s.tier !== 'normal'),
    [result, by, words, withNormal],
  );
  const options = useCallback(
    (width: number) =>
      stackedBarsChart(segments, {
        keys,
        colors: keys.map((x) => TIER_COLORS[x]),
        keyLabel: (k) => words.tier(k as Tier),
        shares: true,
        yMax: withNormal ? 1 : undefined,
        yLabel: withNormal ? null : t('mon.tierMix.yNonNormal'),
        width,
        height: 250,
      }),
    [segments, keys, words, withNormal, t],
  );
  const snapshot = result.snapshots.find((s) => s.snapshot === picked) ?? result.snapshots[result.snapshots.length - 1];

  return (
    <>
      {kpis && <KpiTiles kpis={kpis} />}
      <div className="mon-row">
        <section className="panel mon-card mon-grow" data-testid="tier-mix">
          <header className="mon-card-header">
            <h3>{t('mon.tierMix.title')}</h3>
            <span className="muted small">{t('mon.drillHint')}</span>
            <span className="spacer" />
            <label className="check mon-check">
              <input type="checkbox" checked={withNormal} onChange={(e) => setWithNormal(e.target.checked)} data-testid="tier-mix-normal" />
              <span>{t('mon.tierMix.withNormal')}</span>
            </label>
            <Toggle value={by} options={MEASURE_OPTIONS} onChange={setBy} labelKey="mon.by.label" testId="tier-mix-by" />
          </header>
          <ChartFigure
            options={options}
            testId="tier-mix-chart"
            onPick={(i) => {
              const s = segments[i];
              if (!s) return;
              setPicked(s.snapshot);
              drill({ cell: { kind: 'tier', snapshot: s.snapshot, tier: s.tier }, title: `${words.tier(s.tier)} · ${snapshotLabel(s.snapshot)}` });
            }}
          />
        </section>
        <TierTable result={result} snapshot={snapshot} onSnapshot={setPicked} />
      </div>
      <EngineNotes notes={result.notes} testId="classify-notes" />
    </>
  );
}

function TierTable({ result, snapshot, onSnapshot }: { result: ClassifyResult; snapshot: TierSnapshot; onSnapshot(s: string): void }) {
  const { t, fmt } = useI18n();
  const { drill, rules } = useScope();
  const amount = useAmount();
  const share = useShare();
  // Grades in the rule set's order (关注一, 关注二, 关注三), not in the order of their names.
  const gradeOrder = (g: string) => rules?.grades.findIndex((x) => x.grade === g) ?? 0;
  const gradeName = (g: string) => {
    const key = builtinKey(BUILTIN_GRADE_LABEL, g);
    return key ? t(key) : g;
  };
  return (
    <section className="panel mon-card mon-side mon-side-wide" data-testid="tier-table">
      <header className="mon-card-header">
        <h3>{t('mon.tierTable.title')}</h3>
        <span className="spacer" />
        <select className="input input-small" aria-label={t('mon.snapshot')} value={snapshot.snapshot} onChange={(e) => onSnapshot(e.target.value)} data-testid="tier-table-snapshot">
          {[...result.snapshots].reverse().map((s) => (
            <option key={s.snapshot} value={s.snapshot}>
              {s.snapshot}
            </option>
          ))}
        </select>
      </header>
      <table className="mon-table">
        <thead>
          <tr>
            <th>{t('mon.col.tier')}</th>
            <th className="num">{t('mon.col.loans')}</th>
            <th className="num">{t('mon.col.balance')}</th>
            <th className="num">{t('mon.col.share')}</th>
            <th className="num">{t('mon.col.provision')}</th>
          </tr>
        </thead>
        <tbody>
          {TIERS.map((tier) => {
            const c = snapshot.tiers.find((x) => x.tier === tier);
            const grades = snapshot.grades.filter((g) => g.tier === tier).sort((a, b) => gradeOrder(a.grade) - gradeOrder(b.grade));
            return [
              <tr key={tier} data-tier={tier}>
                <td>
                  <span className="mon-swatch" data-tier={tier} />
                  {t(TIER_LABEL[tier])}
                </td>
                <td className="num">
                  <button
                    type="button"
                    className="link mon-drill-link"
                    data-testid="tier-count"
                    disabled={!c || c.count === 0}
                    onClick={() => drill({ cell: { kind: 'tier', snapshot: snapshot.snapshot, tier }, title: `${t(TIER_LABEL[tier])} · ${snapshotLabel(snapshot.snapshot)}` })}
                  >
                    {fmt.int(c?.count ?? 0)}
                  </button>
                </td>
                <td className="num">{amount(c?.balance ?? 0)}</td>
                <td className="num">{share(snapshot.balance > 0 ? (c?.balance ?? 0) / snapshot.balance : null)}</td>
                <td className="num">{amount(c?.provision ?? 0)}</td>
              </tr>,
              ...grades.map((g) => (
                <tr key={`${tier}-${g.grade}`} className="mon-subrow">
                  <td>{gradeName(g.grade)}</td>
                  <td className="num">{fmt.int(g.count)}</td>
                  <td className="num">{amount(g.balance)}</td>
                  <td className="num">{share(snapshot.balance > 0 ? g.balance / snapshot.balance : null)}</td>
                  <td />
                </tr>
              )),
            ];
          })}
        </tbody>
        <tfoot>
          <tr>
            <td>{t('mon.total')}</td>
            <td className="num">{fmt.int(snapshot.loans)}</td>
            <td className="num">{amount(snapshot.balance)}</td>
            <td className="num">{share(snapshot.balance > 0 ? 1 : null, 0)}</td>
            <td className="num">{amount(snapshot.provisions)}</td>
          </tr>
          <tr className="mon-npl-row">
            <td>{t('mon.tierTable.npl')}</td>
            <td />
            <td className="num">{amount(snapshot.nplBalance)}</td>
            <td className="num">{share(snapshot.nplRatio)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

/**
 * The four numbers a desk reports first: the book, the NPL ratio (不良贷款率), provision coverage
 * (拨备覆盖率) and the provision ratio (贷款拨备率), each at the latest snapshot with its change on
 * the previous one and its trend. A change is coloured by what it means: NPL up is bad, cover up is good.
 */
import { useMemo } from 'react';
import { sparklineChart } from '../../charts/monitoring-sparkline';
import { snapshotLabel } from '../../charts/monitoring-theme';
import { PlotFigure } from '../../components/PlotFigure';
import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/I18nProvider';
import { useAmount, useShare } from './amount';
import type { Kpi, TierKpis } from './shape';

type Direction = 'up-bad' | 'up-good' | 'neutral';

function Tile({
  id,
  labelKey,
  value,
  sub,
  kpi,
  change,
  direction,
}: {
  id: string;
  labelKey: MessageKey;
  value: string;
  sub: string;
  kpi: Kpi;
  change: string | null;
  direction: Direction;
}) {
  const { t } = useI18n();
  const spark = useMemo(() => sparklineChart(kpi.series.map((value, i) => ({ i, value, anomaly: false })), { width: 120, height: 30 }), [kpi.series]);
  const sign = kpi.change === null || kpi.change === 0 ? 0 : Math.sign(kpi.change);
  const tone = direction === 'neutral' || sign === 0 ? 'flat' : (sign > 0) === (direction === 'up-good') ? 'good' : 'bad';
  return (
    <article className="mon-kpi" data-testid={`kpi-${id}`}>
      <h3>{t(labelKey)}</h3>
      <p className="mon-kpi-value" data-testid={`kpi-${id}-value`}>
        {value}
      </p>
      <p className="mon-kpi-sub">{sub}</p>
      <div className="mon-kpi-foot">
        {change !== null && (
          <span className={`mon-change mon-change-${tone}`} title={t('mon.kpi.changeHint')}>
            {sign > 0 ? '▲' : sign < 0 ? '▼' : '●'} {change}
          </span>
        )}
        <PlotFigure options={spark} className="mon-spark" />
      </div>
    </article>
  );
}

export function KpiTiles({ kpis }: { kpis: TierKpis }) {
  const { t, fmt } = useI18n();
  const amount = useAmount();
  const share = useShare();
  const pp = (k: Kpi) => (k.change === null ? null : t('mon.kpi.pp', { n: fmt.num(Math.abs(k.change) * 100, 2) }));
  return (
    <section className="mon-kpis" aria-label={t('mon.kpi.label', { snapshot: snapshotLabel(kpis.snapshot) })}>
      <Tile
        id="balance"
        labelKey="mon.kpi.balance"
        value={amount(kpis.balance.value ?? 0)}
        sub={t('mon.kpi.loans', { n: fmt.int(kpis.loans.value ?? 0) })}
        kpi={kpis.balance}
        change={kpis.balance.change === null ? null : amount(Math.abs(kpis.balance.change))}
        direction="neutral"
      />
      <Tile
        id="npl"
        labelKey="mon.kpi.nplRatio"
        value={share(kpis.nplRatio.value)}
        sub={t('mon.kpi.nplBalance', { amount: amount(kpis.nplBalance.value ?? 0) })}
        kpi={kpis.nplRatio}
        change={pp(kpis.nplRatio)}
        direction="up-bad"
      />
      <Tile
        id="coverage"
        labelKey="mon.kpi.coverage"
        value={share(kpis.provisionCoverage.value, 1)}
        sub={t('mon.kpi.coverageHint')}
        kpi={kpis.provisionCoverage}
        change={pp(kpis.provisionCoverage)}
        direction="up-good"
      />
      <Tile
        id="provision-ratio"
        labelKey="mon.kpi.provisionRatio"
        value={share(kpis.provisionRatio.value)}
        sub={t('mon.kpi.provisionRatioHint')}
        kpi={kpis.provisionRatio}
        change={pp(kpis.provisionRatio)}
        direction="up-good"
      />
    </section>
  );
}

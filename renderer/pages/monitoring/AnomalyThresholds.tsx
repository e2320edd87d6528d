/**
 * Anomaly thresholds (异常阈值) of the twelve layer indicators: a fixed lower and upper bound each,
 * both optional, that mark a layer's value as an anomaly whatever its history says.
 */
import { Fragment } from 'react';
import { LAYER_INDICATORS, type LayerIndicator } from '../../../src/api/monitoring';
import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/I18nProvider';
import type { ThresholdForm } from './deskRulesForm';
import { LAYER_INDICATOR_LABEL } from './labels';
import { RowProblem, type ShownProblem } from './OrderedRows';

/** The unit a bound is typed in: the indicator's own (the report shows shares as percentages). */
function unitOf(indicator: LayerIndicator): MessageKey {
  if (indicator === 'count') return 'mon.desk.unit.count';
  if (indicator === 'balance' || indicator === 'expectedLoss') return 'mon.desk.unit.amount';
  return 'mon.desk.unit.share';
}

export function AnomalyThresholds({
  thresholds,
  onChange,
  problem,
}: {
  thresholds: ThresholdForm;
  onChange(t: ThresholdForm): void;
  problem(row: number): ShownProblem | null;
}) {
  const { t } = useI18n();
  return (
    <table className="mon-table mon-edit-table mon-edit-compact" data-testid="anomaly-thresholds">
      <thead>
        <tr>
          <th>{t('mon.layers.indicator')}</th>
          <th>{t('mon.desk.min')}</th>
          <th>{t('mon.desk.max')}</th>
          <th>{t('mon.desk.unit')}</th>
        </tr>
      </thead>
      <tbody>
        {LAYER_INDICATORS.map((indicator, row) => {
          const p = problem(row);
          const bounds = thresholds[indicator];
          const input = (side: 'min' | 'max') => (
            <input
              className="input mon-num-input"
              inputMode="decimal"
              value={bounds[side]}
              aria-label={`${t(LAYER_INDICATOR_LABEL[indicator])} · ${t(side === 'min' ? 'mon.desk.min' : 'mon.desk.max')}`}
              aria-invalid={p?.field === side}
              onChange={(e) => onChange({ ...thresholds, [indicator]: { ...bounds, [side]: e.target.value } })}
              data-testid={`threshold-${indicator}-${side}`}
            />
          );
          return (
            <Fragment key={indicator}>
              <tr className={p ? 'mon-edit-bad' : undefined} data-indicator={indicator}>
                <td>{t(LAYER_INDICATOR_LABEL[indicator])}</td>
                <td>{input('min')}</td>
                <td>{input('max')}</td>
                <td className="mon-unit">{t(unitOf(indicator))}</td>
              </tr>
              <RowProblem problem={p} span={4} testId="anomaly-thresholds" row={row} />
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

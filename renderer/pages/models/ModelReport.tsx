/**
 * One model, as a validator reads it: what it was trained on and how (the audit trail), warnings
 * first, the headline train/test figures, then tabs for discrimination, the coefficients or the
 * importance, gains and lift, and calibration.
 */
import { useState } from 'react';
import type { ModelSummary, TrainResult } from '../../../src/api/models';
import type { MessageKey } from '../../i18n/catalog';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';
import { CalibrationTab } from './CalibrationTab';
import { CoefficientsTab } from './CoefficientsTab';
import { GainsTab } from './GainsTab';
import { HeadlineMetrics } from './HeadlineMetrics';
import { ImportanceTab } from './ImportanceTab';
import { kindText, validationText } from './modelFormat';
import { PerformanceTab } from './PerformanceTab';
import { ModelWarnings } from './ModelWarnings';

type Tab = 'performance' | 'coefficients' | 'importance' | 'gains' | 'calibration';
const TAB_LABEL: Record<Tab, MessageKey> = {
  performance: 'models.tab.performance',
  coefficients: 'models.tab.coefficients',
  importance: 'models.tab.importance',
  gains: 'models.tab.gains',
  calibration: 'models.tab.calibration',
};

export function ModelReport({
  result,
  onBack,
  onScore,
  onExport,
}: {
  result: TrainResult;
  onBack?(): void;
  onScore(model: ModelSummary): void;
  onExport(model: ModelSummary): void;
}) {
  const { t, fmt } = useI18n();
  const m = result.model;
  const tabs: Tab[] = [
    'performance',
    ...(result.coefficients ? (['coefficients'] as const) : []),
    ...(result.importance ? (['importance'] as const) : []),
    'gains',
    'calibration',
  ];
  const [tab, setTab] = useState<Tab>('performance');
  const shown = tabs.includes(tab) ? tab : 'performance';
  const hasTest = result.metrics.test !== null;
  const [sample, setSample] = useState<'train' | 'test'>('test');
  const chosen = hasTest ? sample : 'train';
  const metrics = chosen === 'test' && result.metrics.test ? result.metrics.test : result.metrics.train;
  const sampleMatters = shown === 'performance' || shown === 'gains' || shown === 'calibration';

  return (
    <section className="model-report" data-testid="model-report" data-model={m.id} data-kind={m.kind}>
      <header className="table-header">
        {onBack && (
          <button type="button" className="icon-btn" aria-label={t('models.report.back')} title={t('models.report.back')} data-testid="report-back" onClick={onBack}>
            <Icon name="back" />
          </button>
        )}
        <div className="table-title">
          <h2 data-testid="report-title">
            {m.name}
            <span className="badge badge-info">{t('models.version', { version: m.version })}</span>
            <span className="badge badge-kind">{kindText(m.kind, t)}</span>
          </h2>
          <p className="table-meta" data-testid="report-meta">
            <span>{t('models.report.table', { table: m.table })}</span>
            <span>{t('models.report.target', { target: m.target, bad: m.bad.join(', ') })}</span>
            <span>{t('models.report.features', { n: fmt.int(m.features.length) })}</span>
            <span>{validationText(m.validation, t, fmt)}</span>
            <span>{t('models.report.seed', { seed: m.seed })}</span>
            <span>{t('models.report.created', { when: fmt.dateTime(m.createdAt) })}</span>
            <span title={m.dataHash}>{t('models.report.fingerprint', { rows: fmt.int(m.dataRows), hash: m.dataHash.slice(0, 10) })}</span>
          </p>
        </div>
        <button type="button" className="btn" data-testid="report-export" onClick={() => onExport(m)}>
          <Icon name="download" size={14} />
          {t('models.action.export')}
        </button>
        <button type="button" className="btn btn-primary" data-testid="report-score" onClick={() => onScore(m)}>
          {t('models.action.score')}
        </button>
      </header>

      <div className="report-body">
        <ModelWarnings warnings={result.warnings} testId="model-warnings" />
        <HeadlineMetrics result={result} />

        <div className="tabs report-tabs" role="tablist">
          {tabs.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={id === shown}
              className={id === shown ? 'tab active' : 'tab'}
              data-testid={`report-tab-${id}`}
              onClick={() => setTab(id)}
            >
              {t(TAB_LABEL[id])}
            </button>
          ))}
          <span className="spacer" />
          {sampleMatters && hasTest && (
            <div className="segmented sample-switch" role="radiogroup" aria-label={t('models.sample.label')}>
              {(['test', 'train'] as const).map((s) => (
                <button key={s} type="button" role="radio" aria-checked={chosen === s} className={chosen === s ? 'active' : ''} data-testid={`sample-${s}`} onClick={() => setSample(s)}>
                  {s === 'test' ? t('models.sample.test') : t('models.sample.train')}
                </button>
              ))}
            </div>
          )}
        </div>
        <div className="report-tab-body">
          {shown === 'performance' && <PerformanceTab result={result} sample={chosen} />}
          {shown === 'coefficients' && result.coefficients && <CoefficientsTab coefficients={result.coefficients} summary={result.summary} target={m.target} />}
          {shown === 'importance' && result.importance && <ImportanceTab importance={result.importance} />}
          {shown === 'gains' && <GainsTab metrics={metrics} />}
          {shown === 'calibration' && <CalibrationTab metrics={metrics} />}
        </div>
      </div>
    </section>
  );
}

/**
 * Collections (催收): the delinquent book by stage (早期 1–30, 中期 31–90, 后期 90+ days) over time,
 * and case allocation (案件分配) at one snapshot: each delinquent loan routed to a team by stage,
 * layer and amount, in a table the desk browses here and exports as CSV for the collection system.
 */
import { useCallback, useMemo, useState } from 'react';
import { COLLECTION_STAGES, type CollectionStage, type CollectionsResult } from '../../../src/api/monitoring';
import { useApi } from '../../api/ApiProvider';
import { stackedBarsChart } from '../../charts/monitoring-stackedBars';
import { STAGE_COLORS } from '../../charts/monitoring-theme';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';
import { useJobs } from '../../state/jobs';
import { useNotices } from '../../state/notices';
import { PreviewTab } from '../data/PreviewTab';
import { AllocationDialog } from './AllocationDialog';
import { useAmount } from './amount';
import { ChartFigure } from './ChartFigure';
import { builtinKey, STAGE_LABEL, TEAM_LABEL } from './labels';
import { OpStatus } from './OpStatus';
import { STALE_AFTER_DESK_RULES, useOp, useOpStore } from './opStore';
import { useScope } from './scope';
import { quoteIdent } from './sqlText';
import { stageSegments, type Measure } from './shape';
import { MEASURE_OPTIONS, Toggle } from './Toggle';
import { useWords } from './words';

export function CollectionsTab() {
  const { t } = useI18n();
  const { info, panel, ruleSet } = useScope();
  const [snapshot, setSnapshot] = useState(info.snapshots[info.snapshots.length - 1] ?? '');
  const [editing, setEditing] = useState(false);
  const store = useOpStore();
  // Fresh each time: the case table holds one snapshot's cases, those of the latest run. No
  // allocation or layer rules in the arguments: the engine reads the saved desk rules.
  const h = useOp('monitoring.collections', snapshot ? { panel, ruleSet, snapshot } : null, { fresh: true });
  return (
    <div className="mon-tab" data-testid="mon-collections">
      <div className="toolbar">
        <label className="mon-field">
          <span>{t('mon.collections.snapshot')}</span>
          <select className="input input-small" value={snapshot} onChange={(e) => setSnapshot(e.target.value)} data-testid="collections-snapshot">
            {[...info.snapshots].reverse().map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" onClick={() => setEditing(true)} data-testid="allocation-rules-open">
          {t('mon.alloc.open')}
        </button>
      </div>
      {editing && (
        <AllocationDialog
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            store.forget(STALE_AFTER_DESK_RULES);
          }}
        />
      )}
      <OpStatus handle={h} running="mon.run.collections" testId="collections" />
      {h.result && <Collections result={h.result} />}
    </div>
  );
}

function Collections({ result }: { result: CollectionsResult }) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const jobs = useJobs();
  const { reportError, reportSuccess } = useNotices();
  const words = useWords();
  const amount = useAmount();
  const [by, setBy] = useState<Measure>('count');
  const [exporting, setExporting] = useState(false);
  const segments = useMemo(() => stageSegments(result.stages, by, words), [result, by, words]);
  const options = useCallback(
    (width: number) =>
      stackedBarsChart(segments, {
        keys: COLLECTION_STAGES,
        colors: COLLECTION_STAGES.map((s) => STAGE_COLORS[s]),
        keyLabel: (k) => words.stage(k as CollectionStage),
        width,
        height: 220,
      }),
    [segments, words],
  );
  const atSnapshot = result.stages.filter((s) => s.snapshot === result.snapshot);
  const cases = result.teams.reduce((s, x) => s + x.cases, 0);
  const teamName = (team: string) => {
    const key = builtinKey(TEAM_LABEL, team);
    return key ? t(key) : team;
  };

  async function exportCases() {
    setExporting(true);
    try {
      const path = await api.saveExportPath(`${result.casesTable}.csv`);
      if (path === null) return;
      const done = await jobs.start('workspace.exportCsv', { sql: `SELECT * FROM ${quoteIdent(result.casesTable)}`, path }).result;
      api.deliverExport(done.path);
      if (api.host === 'electron') reportSuccess('sql.exported', { rows: fmt.int(done.rows), path: done.path });
      else reportSuccess('sql.exportedDownload', { rows: fmt.int(done.rows) });
    } catch (e) {
      reportError(e);
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <div className="mon-row">
        <section className="panel mon-card mon-grow" data-testid="collection-stages">
          <header className="mon-card-header">
            <h3>{t('mon.collections.stages')}</h3>
            <span className="spacer" />
            <Toggle value={by} options={MEASURE_OPTIONS} onChange={setBy} labelKey="mon.by.label" testId="stages-by" />
          </header>
          <ChartFigure options={options} testId="stages-chart" />
        </section>
        <section className="panel mon-card mon-side" data-testid="collection-teams">
          <header className="mon-card-header">
            <h3>{t('mon.collections.at', { snapshot: result.snapshot })}</h3>
          </header>
          <table className="mon-table">
            <thead>
              <tr>
                <th>{t('mon.collections.stage')}</th>
                <th className="num">{t('mon.col.loans')}</th>
                <th className="num">{t('mon.col.balance')}</th>
              </tr>
            </thead>
            <tbody>
              {COLLECTION_STAGES.map((stage) => {
                const s = atSnapshot.find((x) => x.stage === stage);
                return (
                  <tr key={stage} data-stage={stage}>
                    <td>
                      <span className="mon-swatch" data-stage={stage} />
                      {t(STAGE_LABEL[stage])}
                    </td>
                    <td className="num">{fmt.int(s?.count ?? 0)}</td>
                    <td className="num">{amount(s?.balance ?? 0)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <table className="mon-table mon-teams">
            <thead>
              <tr>
                <th>{t('mon.collections.team')}</th>
                <th className="num">{t('mon.collections.cases')}</th>
                <th className="num">{t('mon.col.balance')}</th>
              </tr>
            </thead>
            <tbody>
              {result.teams.map((x) => (
                <tr key={x.team} data-team={x.team}>
                  <td>{teamName(x.team)}</td>
                  <td className="num">{fmt.int(x.cases)}</td>
                  <td className="num">{amount(x.balance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section className="panel mon-card mon-cases" data-testid="collection-cases">
        <header className="mon-card-header">
          <h3>{t('mon.collections.cases.title')}</h3>
          <span className="muted small">{t('mon.collections.cases.hint', { n: fmt.int(cases), table: result.casesTable })}</span>
          <span className="spacer" />
          <button type="button" className="btn btn-small" data-testid="cases-export" disabled={exporting || cases === 0} onClick={() => void exportCases()}>
            <Icon name="download" size={14} />
            {t('mon.collections.export')}
          </button>
        </header>
        <div className="mon-grid-box">
          <PreviewTab table={result.casesTable} version={`${result.snapshot}|${cases}`} />
        </div>
      </section>
    </>
  );
}

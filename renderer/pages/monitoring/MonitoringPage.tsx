/**
 * The Monitoring area (贷后监测), the daily work of a post-loan desk: pick a performance panel and a
 * classification rule set, then read the book through six tabs (classification, migration, roll
 * rates and vintages, early warning, risk layers, collections), drilling from any number to the
 * loans behind it. The page owns what the tabs share: the choice, the results store, the dialogs.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PanelInfo } from '../../../src/api/monitoring';
import { Icon } from '../../components/Icon';
import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/I18nProvider';
import { useJobs } from '../../state/jobs';
import '../../styles/monitoring.css';
import { CollectionsTab } from './CollectionsTab';
import { DrillDialog, type DrillRequest } from './DrillDialog';
import { ruleSetName } from './labels';
import { LayersTab } from './LayersTab';
import { MappingDialog } from './MappingDialog';
import { MigrationTab } from './MigrationTab';
import { OpStore, OpStoreContext } from './opStore';
import { OverviewTab } from './OverviewTab';
import { usePanelProducts } from './panelProducts';
import { RollVintageTab } from './RollVintageTab';
import { RuleSetDialog } from './RuleSetDialog';
import { ScopeContext, type MonitoringScope } from './scope';
import { UciPanelDialog } from './UciPanelDialog';
import { panelVersion, usePanels } from './usePanels';
import { WarningsTab } from './WarningsTab';

const TABS = [
  { id: 'overview', label: 'mon.tab.overview', Body: OverviewTab },
  { id: 'migration', label: 'mon.tab.migration', Body: MigrationTab },
  { id: 'roll', label: 'mon.tab.roll', Body: RollVintageTab },
  { id: 'warnings', label: 'mon.tab.warnings', Body: WarningsTab },
  { id: 'layers', label: 'mon.tab.layers', Body: LayersTab },
  { id: 'collections', label: 'mon.tab.collections', Body: CollectionsTab },
] as const satisfies readonly { id: string; label: MessageKey; Body: () => unknown }[];
type TabId = (typeof TABS)[number]['id'];

/** The rule set of a panel whose mapping names none. */
const DEFAULT_RULE_SET = 'retail_2023';

type Dialog = 'map' | 'uci' | 'rules' | null;

export function MonitoringPage({ active }: { active: boolean }) {
  const { t, fmt } = useI18n();
  const jobs = useJobs();
  const store = useMemo(() => new OpStore(jobs.start, jobs.cancel), [jobs.start, jobs.cancel]);
  const { panels, ruleSets, reload } = usePanels();
  const [chosen, setChosen] = useState<string | null>(null);
  // The user's pick holds for the panel it was made on; another panel starts at its own default.
  const [picked, setPicked] = useState<{ panel: string; ruleSet: string } | null>(null);
  const [tab, setTab] = useState<TabId>('overview');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [drill, setDrill] = useState<DrillRequest | null>(null);

  // Coming back to the area: the Data area may have replaced tables meanwhile.
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) void reload();
    wasActive.current = active;
  }, [active, reload]);

  const usable = panels?.filter((p) => !p.problem) ?? [];
  const info: PanelInfo | null = panels?.find((p) => p.mapping.panel === chosen) ?? usable[0] ?? null;
  const ruleSet = info && picked?.panel === info.mapping.panel ? picked.ruleSet : (info?.mapping.ruleSet ?? DEFAULT_RULE_SET);
  const setRuleSet = (name: string) => {
    if (info) setPicked({ panel: info.mapping.panel, ruleSet: name });
  };
  const products = usePanelProducts(info?.mapping ?? null);
  const ruleSetKnown = ruleSets?.some((r) => r.name === ruleSet) ?? true;

  // Results of a panel whose data or mapping changed are dropped (other panels' are kept until then).
  const versions = useRef(new Map<string, string>());
  const version = info ? panelVersion(info) : null;
  useEffect(() => {
    if (!info || version === null) return;
    const seen = versions.current.get(info.mapping.panel);
    versions.current.set(info.mapping.panel, version);
    if (seen !== undefined && seen !== version) store.reset();
  }, [info, version, store]);

  const rules = ruleSets?.find((r) => r.name === ruleSet) ?? null;
  const scope = useMemo<MonitoringScope | null>(
    () => (info && !info.problem ? { info, panel: info.mapping.panel, ruleSet, rules, drill: setDrill } : null),
    [info, ruleSet, rules],
  );
  const Body = TABS.find((x) => x.id === tab)?.Body ?? OverviewTab;

  function refresh() {
    store.reset();
    void reload();
  }

  /** A new or changed panel: list it first, then show it (not the first panel while the list catches up). */
  function showPanel(p: PanelInfo) {
    setDialog(null);
    store.reset();
    void reload().then(() => setChosen(p.mapping.panel));
  }

  return (
    <OpStoreContext.Provider value={store}>
      <div className="mon-page" data-testid="monitoring-page">
        <div className="subnav mon-toolbar">
          <label className="mon-field">
            <span>{t('mon.panel')}</span>
            <select className="input" value={info?.mapping.panel ?? ''} onChange={(e) => setChosen(e.target.value)} disabled={!panels || panels.length === 0} data-testid="mon-panel">
              {panels?.map((p) => (
                <option key={p.mapping.panel} value={p.mapping.panel}>
                  {p.problem ? t('mon.panelBroken', { panel: p.mapping.panel }) : p.mapping.panel}
                </option>
              ))}
            </select>
          </label>
          {info && !info.problem && (
            <span className="chip" data-testid="mon-panel-info">
              {t('mon.panelInfo', { loans: fmt.int(info.loans), snapshots: fmt.int(info.snapshots.length) })}
            </span>
          )}
          <label className="mon-field">
            <span>{t('mon.ruleSet')}</span>
            {/* The stored label is the full title of the measures; the option text is the short name. */}
            <select className="input" value={ruleSet} title={rules?.label} onChange={(e) => setRuleSet(e.target.value)} data-testid="mon-ruleset">
              {(ruleSets ?? []).map((r) => (
                <option key={r.name} value={r.name}>
                  {ruleSetName(r, t)}
                </option>
              ))}
              {!ruleSetKnown && <option value={ruleSet}>{ruleSet}</option>}
            </select>
          </label>
          <button type="button" className="btn btn-quiet" data-testid="mon-rules-edit" disabled={!ruleSets} onClick={() => setDialog('rules')}>
            {t('mon.rules.edit')}
          </button>
          <span className="mon-actions">
            <button type="button" className="btn btn-quiet" data-testid="mon-refresh" title={t('mon.refresh')} aria-label={t('mon.refresh')} onClick={refresh}>
              <Icon name="refresh" />
            </button>
            <button type="button" className="btn" data-testid="mon-uci-open" onClick={() => setDialog('uci')}>
              {t('mon.uci.open')}
            </button>
            <button type="button" className="btn btn-primary" data-testid="mon-map-open" onClick={() => setDialog('map')}>
              {t('mon.map.open')}
            </button>
          </span>
        </div>

        {panels === null ? (
          <p className="muted pad">{t('common.loading')}</p>
        ) : !scope ? (
          <NoPanel info={info} onMap={() => setDialog('map')} onUci={() => setDialog('uci')} />
        ) : (
          <ScopeContext.Provider value={scope}>
            <div className="tabs mon-tabs" role="tablist">
              {TABS.map((x) => (
                <button
                  key={x.id}
                  type="button"
                  role="tab"
                  aria-selected={x.id === tab}
                  className={x.id === tab ? 'tab active' : 'tab'}
                  data-testid={`mon-tab-${x.id}`}
                  onClick={() => setTab(x.id)}
                >
                  {t(x.label)}
                </button>
              ))}
            </div>
            <div className="mon-body">
              <Body key={`${scope.panel}|${tab}`} />
            </div>
            {drill && <DrillDialog request={drill} panel={scope.panel} ruleSet={scope.ruleSet} onClose={() => setDrill(null)} />}
          </ScopeContext.Provider>
        )}
      </div>

      {dialog === 'map' && (
        <MappingDialog
          onClose={() => setDialog(null)}
          onSaved={showPanel}
        />
      )}
      {dialog === 'uci' && (
        <UciPanelDialog
          onClose={() => setDialog(null)}
          onBuilt={showPanel}
        />
      )}
      {dialog === 'rules' && ruleSets && (
        <RuleSetDialog
          ruleSets={ruleSets}
          current={ruleSet}
          products={products}
          onClose={() => setDialog(null)}
          onChanged={(name) => {
            setDialog(null);
            setRuleSet(name);
            refresh();
          }}
        />
      )}
    </OpStoreContext.Provider>
  );
}

/** No usable panel yet: say how to get one (the sample maps itself; any other table is mapped once). */
function NoPanel({ info, onMap, onUci }: { info: PanelInfo | null; onMap(): void; onUci(): void }) {
  const { t } = useI18n();
  return (
    <div className="empty" data-testid="mon-no-panel">
      <div className="empty-icon">
        <Icon name="monitoring" size={36} />
      </div>
      <h2>{t('mon.empty.title')}</h2>
      {info?.problem ? <p className="mon-problem">{t('mon.empty.problem', { panel: info.mapping.panel, problem: info.problem })}</p> : <p>{t('mon.empty.body')}</p>}
      <div className="empty-actions">
        <button type="button" className="btn btn-primary btn-large" onClick={onMap}>
          {t('mon.map.open')}
        </button>
        <button type="button" className="btn btn-large" onClick={onUci}>
          {t('mon.uci.open')}
        </button>
      </div>
      <p className="muted small">{t('mon.empty.sample')}</p>
    </div>
  );
}

/** The area as the shell mounts it: built on first visit, then kept (with its results) while the user looks elsewhere. */
export function MonitoringArea({ active }: { active: boolean }) {
  const [visited, setVisited] = useState(active);
  useEffect(() => {
    if (active) setVisited(true);
  }, [active]);
  return (
    <div className="area" hidden={!active}>
      {visited && <MonitoringPage active={active} />}
    </div>
  );
}

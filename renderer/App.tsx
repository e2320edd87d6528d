/** The shell: navigation, top bar, notices, the current area, and the job bar. */
import { useCallback, useEffect, useState } from 'react';
import type { WorkspaceInfo } from '../src/api/workspace';
import { useApi } from './api/ApiProvider';
import { AREA_LABEL, type AreaId } from './areas';
import { JobBar } from './components/JobBar';
import { NavBar } from './components/NavBar';
import { NoticeBanner } from './components/NoticeBanner';
import { TopBar } from './components/TopBar';
import { useI18n } from './i18n/I18nProvider';
import { ComingSoon } from './pages/ComingSoon';
import { DataPage } from './pages/data/DataPage';
import { ModelsPage } from './pages/models/ModelsPage';
import { MonitoringArea } from './pages/monitoring/MonitoringPage';
import { useNotices } from './state/notices';

export function App() {
  const { t } = useI18n();
  const api = useApi();
  const { reportError } = useNotices();
  const [area, setArea] = useState<AreaId>('data');
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  // Another area asks the Data area to show a table (a scored output): a new object each time, so the same table can be asked twice.
  const [dataRequest, setDataRequest] = useState<{ table: string } | null>(null);

  const loadInfo = useCallback(() => {
    api.call('workspace.info', {}).then(setInfo, reportError);
  }, [api, reportError]);
  useEffect(loadInfo, [loadInfo]);

  return (
    <div className="shell">
      <NavBar area={area} onSelect={setArea} />
      <div className="main">
        <TopBar title={t(AREA_LABEL[area])} info={info} host={api.host} />
        <NoticeBanner />
        <main className="content" data-testid={`area-${area}`}>
          {/* The Data area stays mounted so an open table or a half-written query survives a look elsewhere. */}
          <div className="area" hidden={area !== 'data'}>
            <DataPage active={area === 'data'} onTablesChanged={loadInfo} openRequest={dataRequest} />
          </div>
          {/* Models stays mounted too: a running fit and a half-filled train form must survive a visit to Data. */}
          <div className="area" hidden={area !== 'models'}>
            <ModelsPage
              active={area === 'models'}
              onOpenTable={(table) => {
                setDataRequest({ table });
                setArea('data');
              }}
            />
          </div>
          <MonitoringArea active={area === 'monitoring'} />
          {area !== 'data' && area !== 'models' && area !== 'monitoring' && <ComingSoon area={area} />}
        </main>
        <JobBar />
      </div>
    </div>
  );
}

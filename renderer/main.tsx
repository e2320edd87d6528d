/** Start-up: pick the transport, then mount the app (or say why it cannot start). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { toErrorShape } from '../src/api/errors';
import { ApiProvider } from './api/ApiProvider';
import { createClient } from './api/client';
import type { VigilClient } from './api/types';
import { App } from './App';
import { ErrorDetails } from './components/ErrorDetails';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { JobsProvider } from './state/jobs';
import { NoticesProvider } from './state/notices';
import './styles/base.css';
import './styles/shell.css';
import './styles/data.css';
import './styles/grid.css';
import './styles/sql.css';
import './styles/dialog.css';
import './styles/models.css';
import './styles/models-report.css';

function StartupFailure({ error }: { error: unknown }) {
  const { t } = useI18n();
  return (
    <div className="startup-failure" role="alert" data-testid="startup-failure">
      <h1>{t('startup.failed')}</h1>
      <ErrorDetails error={toErrorShape(error)} />
    </div>
  );
}

let client: VigilClient | null = null;
let startupError: unknown = null;
try {
  client = createClient();
} catch (e) {
  startupError = e;
}

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');
createRoot(rootElement).render(
  <StrictMode>
    <I18nProvider>
      {client ? (
        <ApiProvider client={client}>
          <NoticesProvider>
            <JobsProvider>
              <App />
            </JobsProvider>
          </NoticesProvider>
        </ApiProvider>
      ) : (
        <StartupFailure error={startupError} />
      )}
    </I18nProvider>
  </StrictMode>,
);

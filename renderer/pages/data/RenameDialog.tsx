/** Rename a table. The engine checks the name; its answer (e.g. the name is taken) shows in the dialog. */
import { useState } from 'react';
import { toErrorShape, type ErrorShape } from '../../../src/api/errors';
import type { TableInfo } from '../../../src/api/workspace';
import { useApi } from '../../api/ApiProvider';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Modal } from '../../components/Modal';
import { useI18n } from '../../i18n/I18nProvider';

export function RenameDialog({ table, onClose, onRenamed }: { table: TableInfo; onClose(): void; onRenamed(t: TableInfo): void }) {
  const { t } = useI18n();
  const api = useApi();
  const [name, setName] = useState(table.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorShape | null>(null);
  const to = name.trim();

  async function rename() {
    setBusy(true);
    setError(null);
    try {
      onRenamed(await api.call('workspace.rename', { from: table.name, to }));
    } catch (e) {
      setError(toErrorShape(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title={t('rename.title', { table: table.name })}
      testId="rename-dialog"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="rename-ok"
            disabled={busy || to === '' || to === table.name}
            onClick={() => void rename()}
          >
            {t('rename.ok')}
          </button>
        </>
      }
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (to !== '' && to !== table.name) void rename();
        }}
      >
        <label className="form-row">
          <span className="form-label">{t('rename.newName')}</span>
          <input className="input" data-testid="rename-input" autoFocus spellCheck={false} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        {error && (
          <div className="inline-error" role="alert">
            <ErrorDetails error={error} />
          </div>
        )}
      </form>
    </Modal>
  );
}

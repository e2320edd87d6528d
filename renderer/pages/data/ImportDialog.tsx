/**
 * Import a file into the workspace: pick it, name the table, override what sniffing would guess,
 * then run the import as a job the user can follow and cancel. Errors stay in the dialog with
 * where they happened (file, line, column, reason), so the user can fix the file and retry.
 */
import { useState } from 'react';
import { toErrorShape } from '../../../src/api/errors';
import type { ImportArgs, ImportResult, TableInfo, TextEncoding } from '../../../src/api/workspace';
import { useApi } from '../../api/ApiProvider';
import type { PickedFile } from '../../api/types';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Modal } from '../../components/Modal';
import { ProgressBar } from '../../components/ProgressBar';
import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/I18nProvider';
import { useJobRun } from '../../state/useJobRun';
import { formatOfFile, tableNameFromFile } from './tableName';

type HeaderChoice = 'auto' | 'yes' | 'no';

const ENCODINGS: { value: TextEncoding; label: MessageKey }[] = [
  { value: 'auto', label: 'import.encoding.auto' },
  { value: 'utf-8', label: 'import.encoding.utf8' },
  { value: 'gbk', label: 'import.encoding.gbk' },
  { value: 'gb18030', label: 'import.encoding.gb18030' },
];
const DELIMITERS: { value: string; label: MessageKey }[] = [
  { value: '', label: 'import.delimiter.auto' },
  { value: ',', label: 'import.delimiter.comma' },
  { value: '\t', label: 'import.delimiter.tab' },
  { value: ';', label: 'import.delimiter.semicolon' },
  { value: '|', label: 'import.delimiter.pipe' },
];
const HEADERS: { value: HeaderChoice; label: MessageKey }[] = [
  { value: 'auto', label: 'import.header.auto' },
  { value: 'yes', label: 'import.header.yes' },
  { value: 'no', label: 'import.header.no' },
];

export function ImportDialog({
  tables,
  onClose,
  onImported,
}: {
  tables: readonly TableInfo[];
  onClose(): void;
  onImported(result: ImportResult): void;
}) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [upload, setUpload] = useState<{ loaded: number; total: number } | null>(null);
  const [table, setTable] = useState('');
  const [encoding, setEncoding] = useState<TextEncoding>('auto');
  const [delimiter, setDelimiter] = useState('');
  const [header, setHeader] = useState<HeaderChoice>('auto');
  const [sheets, setSheets] = useState<string[] | null>(null);
  const [sheet, setSheet] = useState('');
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [replace, setReplace] = useState(false);
  const { job, running, error, setError, wasCancelled, clearOutcome, run: runJob, cancel } = useJobRun();

  const format = file ? formatOfFile(file.name) : null;
  const uploading = upload !== null;
  // DuckDB matches table names case-insensitively: "Loans" would collide with "loans".
  const exists = tables.some((x) => x.name.toLowerCase() === table.trim().toLowerCase());
  const canImport = file !== null && format !== null && table.trim() !== '' && (!exists || replace) && !running && !uploading;

  async function pick() {
    clearOutcome();
    try {
      const picked = await api.pickImportFile((loaded, total) => setUpload({ loaded, total }));
      if (!picked) return;
      setFile(picked);
      setTable(tableNameFromFile(picked.name));
      setSheets(null);
      setSheet('');
      if (formatOfFile(picked.name) === 'xlsx') {
        const names = await api.call('workspace.sheets', { path: picked.path });
        setSheets(names);
        setSheet(names[0] ?? '');
      }
    } catch (e) {
      setError(toErrorShape(e));
    } finally {
      setUpload(null);
    }
  }

  async function runImport() {
    if (!file || !format) return;
    const args: ImportArgs = { path: file.path, table: table.trim(), format, sourceName: file.name, skipBadRows, replace };
    if (format === 'csv') {
      args.encoding = encoding;
      if (delimiter !== '') args.delimiter = delimiter;
      if (header !== 'auto') args.header = header === 'yes';
    }
    if (format === 'xlsx' && sheet !== '') args.sheet = sheet;
    const imported = await runJob('workspace.import', args);
    if (imported) onImported(imported);
  }

  const uploadPct = upload && upload.total > 0 ? Math.round((upload.loaded / upload.total) * 100) : 0;

  return (
    <Modal
      title={t('import.title')}
      testId="import-dialog"
      wide
      onClose={() => {
        if (!running) onClose();
      }}
      footer={
        <>
          {running ? (
            <button type="button" className="btn" data-testid="import-cancel-job" onClick={cancel}>
              {t('import.cancelJob')}
            </button>
          ) : (
            <button type="button" className="btn" data-testid="import-close" onClick={onClose}>
              {t('common.close')}
            </button>
          )}
          <button type="button" className="btn btn-primary" data-testid="import-run" disabled={!canImport} onClick={() => void runImport()}>
            {t('import.run')}
          </button>
        </>
      }
    >
      <div className="form">
        <div className="form-row">
          <span className="form-label">{t('import.file')}</span>
          <div className="file-pick">
            <button type="button" className="btn" data-testid="import-pick" disabled={running || uploading} onClick={() => void pick()}>
              {file ? t('import.changeFile') : t('import.chooseFile')}
            </button>
            {file && (
              <span className="file-name" data-testid="import-file-name">
                {file.name}
                {file.sizeBytes !== null && <small>{fmt.bytes(file.sizeBytes)}</small>}
              </span>
            )}
            {!file && !uploading && <span className="muted">{t('import.fileHint')}</span>}
          </div>
        </div>
        {uploading && (
          <div className="form-row">
            <span className="form-label" />
            <div className="inline-progress">
              <ProgressBar done={upload.loaded} total={upload.total} />
              <span>{t('import.uploading', { pct: uploadPct })}</span>
            </div>
          </div>
        )}
        {file && format === null && (
          <p className="form-warning" data-testid="import-unsupported">
            {t('import.unsupported')}
          </p>
        )}

        <label className="form-row">
          <span className="form-label">{t('import.table')}</span>
          <input
            className="input"
            data-testid="import-table"
            value={table}
            disabled={running}
            spellCheck={false}
            onChange={(e) => setTable(e.target.value)}
          />
        </label>
        {exists && !replace && (
          <p className="form-warning" data-testid="import-exists">
            {t('import.exists', { table: table.trim() })}
          </p>
        )}

        {format === 'csv' && (
          <fieldset className="form-group" disabled={running}>
            <legend>{t('import.textOptions')}</legend>
            <label className="form-row">
              <span className="form-label">{t('import.encoding')}</span>
              <select className="input" data-testid="import-encoding" value={encoding} onChange={(e) => setEncoding(e.target.value as TextEncoding)}>
                {ENCODINGS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {t(o.label)}
                  </option>
                ))}
              </select>
            </label>
            <label className="form-row">
              <span className="form-label">{t('import.delimiter')}</span>
              <select className="input" data-testid="import-delimiter" value={delimiter} onChange={(e) => setDelimiter(e.target.value)}>
                {DELIMITERS.map((o) => (
                  <option key={o.label} value={o.value}>
                    {t(o.label)}
                  </option>
                ))}
              </select>
            </label>
            <label className="form-row">
              <span className="form-label">{t('import.header')}</span>
              <select className="input" data-testid="import-header" value={header} onChange={(e) => setHeader(e.target.value as HeaderChoice)}>
                {HEADERS.map((o) => (
                  <option key={o.value} value={o.value}>
                    {t(o.label)}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
        )}

        {format === 'xlsx' && sheets && (
          <label className="form-row">
            <span className="form-label">{t('import.sheet')}</span>
            <select className="input" data-testid="import-sheet" value={sheet} disabled={running} onChange={(e) => setSheet(e.target.value)}>
              {sheets.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}

        <div className="form-checks">
          <label className="check">
            <input type="checkbox" data-testid="import-skip-bad" checked={skipBadRows} disabled={running} onChange={(e) => setSkipBadRows(e.target.checked)} />
            <span>
              {t('import.skipBadRows')}
              <small>{t('import.skipBadRowsHint', { table: `${table.trim() || '…'}_rejects` })}</small>
            </span>
          </label>
          <label className="check">
            <input type="checkbox" data-testid="import-replace" checked={replace} disabled={running} onChange={(e) => setReplace(e.target.checked)} />
            <span>{t('import.replace')}</span>
          </label>
        </div>

        {running && (
          <div className="job-inline" data-testid="import-progress">
            <ProgressBar done={job?.done ?? 0} total={job?.total ?? null} />
            <span>{job?.message ?? t('import.starting')}</span>
            {job?.total != null && <span className="muted">{`${fmt.int(job.done)} / ${fmt.int(job.total)}`}</span>}
          </div>
        )}
        {wasCancelled && (
          <p className="form-note" data-testid="import-cancelled">
            {t('import.cancelled')}
          </p>
        )}
        {error && (
          <div className="inline-error" role="alert" data-testid="import-error">
            <ErrorDetails error={error} />
          </div>
        )}
      </div>
    </Modal>
  );
}

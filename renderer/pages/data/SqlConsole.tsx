/**
 * Read-only SQL over the workspace: write a query, run it with Ctrl/Cmd+Enter, read the result grid,
 * export the full result as CSV. The engine refuses writes; its message shows inline under the editor.
 */
import { useEffect, useRef, useState } from 'react';
import { toErrorShape, type ErrorShape } from '../../../src/api/errors';
import type { TableInfo } from '../../../src/api/workspace';
import { useApi } from '../../api/ApiProvider';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Icon } from '../../components/Icon';
import { decodeRows, gridColumns, type Cell, type GridColumn } from '../../grid/cells';
import { VirtualGrid } from '../../grid/VirtualGrid';
import { useI18n } from '../../i18n/I18nProvider';
import { useJobs } from '../../state/jobs';
import { useNotices } from '../../state/notices';

/** Rows brought back to the grid; the export always writes the whole result. */
export const CONSOLE_ROW_LIMIT = 10_000;
const STORAGE_KEY = 'vigil.sql';

interface ConsoleResult {
  sql: string;
  columns: GridColumn[];
  rows: Cell[][];
  totalRows: number;
  truncated: boolean;
  elapsedMs: number;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function initialSql(tables: readonly TableInfo[]): string {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved) return saved;
  } catch {
    /* no storage: start from the example */
  }
  const first = tables.find((x) => x.kind === 'data');
  return first ? `SELECT *\nFROM ${quoteIdent(first.name)}\nLIMIT 100` : 'SELECT 42 AS answer';
}

export function SqlConsole({ tables }: { tables: readonly TableInfo[] }) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const jobs = useJobs();
  const { reportError, reportSuccess } = useNotices();
  const editor = useRef<HTMLTextAreaElement>(null);
  const [sql, setSql] = useState(() => initialSql(tables));
  const [jobId, setJobId] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [result, setResult] = useState<ConsoleResult | null>(null);
  const [error, setError] = useState<ErrorShape | null>(null);

  useEffect(() => {
    try {
      localStorage.setItem(STORAGE_KEY, sql);
    } catch {
      /* the text is still in the editor */
    }
  }, [sql]);

  /** The selected text when there is a selection (run one statement out of several), else everything. */
  function statementToRun(): string {
    const el = editor.current;
    if (el && el.selectionEnd > el.selectionStart) return el.value.slice(el.selectionStart, el.selectionEnd);
    return sql;
  }

  async function run() {
    const text = statementToRun().trim();
    if (text === '' || jobId) return;
    setError(null);
    const started = jobs.start('workspace.query', { sql: text, limit: CONSOLE_ROW_LIMIT });
    setJobId(started.jobId);
    const t0 = performance.now();
    try {
      const r = await started.result;
      setResult({
        sql: text,
        columns: gridColumns(r.columns),
        rows: decodeRows(r.arrow),
        totalRows: r.totalRows,
        truncated: r.truncated,
        elapsedMs: performance.now() - t0,
      });
    } catch (e) {
      const shape = toErrorShape(e);
      if (shape.kind !== 'cancelled') {
        // The grid must not go on showing an older query's rows under this query's error.
        setResult(null);
        setError(shape);
      }
    } finally {
      setJobId(null);
    }
  }

  async function exportCsv() {
    if (!result) return;
    setExporting(true);
    try {
      const path = await api.saveExportPath('query.csv');
      if (path === null) return;
      const done = await jobs.start('workspace.exportCsv', { sql: result.sql, path }).result;
      api.deliverExport(done.path);
      if (api.host === 'electron') reportSuccess('sql.exported', { rows: fmt.int(done.rows), path: done.path });
      else reportSuccess('sql.exportedDownload', { rows: fmt.int(done.rows) });
    } catch (e) {
      reportError(e);
    } finally {
      setExporting(false);
    }
  }

  function insertName(name: string) {
    const el = editor.current;
    const text = quoteIdent(name);
    if (!el) return setSql((s) => s + text);
    const { selectionStart: a, selectionEnd: b } = el;
    setSql(el.value.slice(0, a) + text + el.value.slice(b));
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(a + text.length, a + text.length);
    });
  }

  return (
    <div className="sql" data-testid="sql-console">
      <aside className="sql-tables panel">
        <h3>{t('sql.tables')}</h3>
        <ul>
          {tables.map((x) => (
            <li key={x.name}>
              <button type="button" className="link" title={t('sql.insertName')} onClick={() => insertName(x.name)}>
                {x.name}
              </button>
              <span className="muted small">{fmt.int(x.rows)}</span>
            </li>
          ))}
        </ul>
      </aside>
      <div className="sql-main">
        <div className="sql-editor panel">
          <textarea
            ref={editor}
            className="sql-text"
            data-testid="sql-input"
            spellCheck={false}
            aria-label={t('sql.editorLabel')}
            value={sql}
            onChange={(e) => setSql(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void run();
              }
            }}
          />
          <div className="toolbar">
            {jobId ? (
              <button type="button" className="btn" data-testid="sql-cancel" onClick={() => void jobs.cancel(jobId)}>
                {t('common.cancel')}
              </button>
            ) : (
              <button type="button" className="btn btn-primary" data-testid="sql-run" onClick={() => void run()}>
                <Icon name="play" size={14} />
                {t('sql.run')}
              </button>
            )}
            <span className="muted small">{t('sql.shortcut')}</span>
            <span className="spacer" />
            <span className="muted small">{t('sql.readOnly')}</span>
            <button type="button" className="btn" data-testid="sql-export" disabled={!result || exporting || jobId !== null} onClick={() => void exportCsv()}>
              <Icon name="download" size={14} />
              {t('sql.export')}
            </button>
          </div>
        </div>
        {error && (
          <div className="inline-error" role="alert" data-testid="sql-error">
            <ErrorDetails error={error} />
          </div>
        )}
        {result && (
          <div className="sql-result">
            <p className="grid-footer" data-testid="sql-count">
              {result.truncated
                ? t('sql.truncated', { shown: fmt.int(result.rows.length), total: fmt.int(result.totalRows) })
                : t('sql.rows', { n: fmt.int(result.rows.length) })}
              <span className="muted">{t('sql.elapsed', { ms: fmt.int(Math.round(result.elapsedMs)) })}</span>
            </p>
            <VirtualGrid
              key={`${result.sql}|${result.elapsedMs}`}
              columns={result.columns}
              rowCount={result.rows.length}
              getRow={(i) => result.rows[i]}
              testId="sql-grid"
            />
          </div>
        )}
      </div>
    </div>
  );
}

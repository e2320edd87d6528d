/** A table's rows, paged from the engine as the user scrolls (200 at a time, cached). */
import { useCallback, useEffect, useState } from 'react';
import { toErrorShape, type ErrorShape } from '../../../src/api/errors';
import { useApi } from '../../api/ApiProvider';
import { ErrorDetails } from '../../components/ErrorDetails';
import { decodeRows, gridColumns, type Cell, type GridColumn } from '../../grid/cells';
import { PAGE_SIZE, usePagedRows } from '../../grid/usePagedRows';
import { VirtualGrid } from '../../grid/VirtualGrid';
import { useI18n } from '../../i18n/I18nProvider';

interface FirstPage {
  columns: GridColumn[];
  totalRows: number;
  rows: Cell[][];
}

function PagedGrid({ table, first }: { table: string; first: FirstPage }) {
  const api = useApi();
  const fetchPage = useCallback(
    async (offset: number, limit: number) => decodeRows((await api.call('workspace.preview', { table, offset, limit })).arrow),
    [api, table],
  );
  const paged = usePagedRows(fetchPage, first.totalRows, first.rows);
  return (
    <>
      <VirtualGrid
        columns={first.columns}
        rowCount={first.totalRows}
        getRow={paged.getRow}
        onVisibleRange={paged.onVisibleRange}
        version={paged.version}
        testId="preview-grid"
      />
      {paged.error !== null && (
        <div className="inline-error" role="alert">
          <ErrorDetails error={toErrorShape(paged.error)} />
        </div>
      )}
    </>
  );
}

export function PreviewTab({ table, version }: { table: string; version: string }) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const [first, setFirst] = useState<FirstPage | null>(null);
  const [error, setError] = useState<ErrorShape | null>(null);

  useEffect(() => {
    let live = true;
    setFirst(null);
    setError(null);
    api.call('workspace.preview', { table, offset: 0, limit: PAGE_SIZE }).then(
      (r) => live && setFirst({ columns: gridColumns(r.columns), totalRows: r.totalRows, rows: decodeRows(r.arrow) }),
      (e: unknown) => live && setError(toErrorShape(e)),
    );
    return () => {
      live = false;
    };
    // `version` changes when the table is replaced under the same name.
  }, [api, table, version]);

  if (error) {
    return (
      <div className="inline-error" role="alert">
        <ErrorDetails error={error} />
      </div>
    );
  }
  if (!first) return <p className="muted pad">{t('common.loading')}</p>;
  return (
    <div className="preview">
      <PagedGrid key={`${table}|${version}`} table={table} first={first} />
      <p className="grid-footer" data-testid="preview-count">
        {t('preview.count', { rows: fmt.int(first.totalRows), columns: fmt.int(first.columns.length) })}
      </p>
    </div>
  );
}

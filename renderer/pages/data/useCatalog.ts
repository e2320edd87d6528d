/** The workspace's tables, reloaded after anything that changes them. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TableInfo } from '../../../src/api/workspace';
import { useApi } from '../../api/ApiProvider';
import { useNotices } from '../../state/notices';

export interface Catalog {
  /** null until the first load answers. */
  tables: TableInfo[] | null;
  loading: boolean;
  reload(): Promise<void>;
}

export function useCatalog(): Catalog {
  const api = useApi();
  const { reportError } = useNotices();
  const [tables, setTables] = useState<TableInfo[] | null>(null);
  const [loading, setLoading] = useState(false);
  // Answers can overtake each other; only the latest request may set the list.
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    try {
      const list = await api.call('workspace.tables', {});
      if (request === latest.current) setTables(list);
    } catch (e) {
      if (request === latest.current) {
        setTables((prev) => prev ?? []);
        reportError(e);
      }
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, [api, reportError]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { tables, loading, reload };
}

/** The name of the table holding an import's kept bad rows. */
export function rejectsTableOf(table: string): string {
  return `${table}_rejects`;
}

/** Tables made by the sample generator record a source like "sample:seed=7". */
export function isSampleTable(t: TableInfo): boolean {
  return t.sourceFile?.startsWith('sample:') ?? false;
}

/** A key that changes when the table is replaced, so cached profiles of the old one are not shown. */
export function tableVersion(t: TableInfo): string {
  return `${t.name}|${t.importedAt ?? ''}|${t.rows}|${t.columns.length}`;
}

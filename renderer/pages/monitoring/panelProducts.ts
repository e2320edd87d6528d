/**
 * The product codes present in a panel, offered where the desk types product codes (LGD per product,
 * per-product day limits). Read with one read-only DISTINCT query on the table that holds the mapped
 * product column: the panel itself, or the loan attributes table joined to it.
 */
import { useEffect, useState } from 'react';
import type { PanelMapping } from '../../../src/api/monitoring';
import { useApi } from '../../api/ApiProvider';
import { decodeRows } from '../../grid/cells';
import { productsSql } from './sqlText';

/** More products than this is not a product list but a mis-mapped column: offer none. */
export const PRODUCT_LIMIT = 200;

/** The products of the panel; [] while loading, when none is mapped, or when they cannot be read. */
export function usePanelProducts(m: PanelMapping | null): string[] {
  const api = useApi();
  const [products, setProducts] = useState<string[]>([]);
  const sql = m ? productsSql(m) : null;
  useEffect(() => {
    if (sql === null) return;
    let live = true;
    api
      .call('workspace.query', { sql, limit: PRODUCT_LIMIT + 1 })
      .then((r) => {
        const values = decodeRows(r.arrow).flatMap(([v]) => (v === null || v === undefined ? [] : [v]));
        if (live) setProducts(values.length > PRODUCT_LIMIT ? [] : values);
      })
      // Only a convenience: the fields stay free text when the list cannot be read.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, sql]);
  return sql === null ? [] : products;
}

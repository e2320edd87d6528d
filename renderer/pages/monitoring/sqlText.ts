/** SQL text the Monitoring page sends to the read-only query ops: identifiers always quoted. */
import type { PanelMapping } from '../../../src/api/monitoring';

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The query listing the panel's products, or null when no product column is mapped. */
export function productsSql(m: PanelMapping): string | null {
  const direct = m.columns.product;
  const attr = m.attributes?.columns.product;
  const from = direct ? { table: m.table, column: direct } : attr && m.attributes ? { table: m.attributes.table, column: attr } : null;
  if (!from) return null;
  const col = quoteIdent(from.column);
  return `SELECT DISTINCT CAST(${col} AS VARCHAR) AS product FROM ${quoteIdent(from.table)} WHERE ${col} IS NOT NULL ORDER BY 1`;
}

/** Types of the workspace domain: import, catalog, profile, preview, SQL console. Types only: the renderer imports this. */
import type { Handler } from './handler';

export interface ColumnInfo {
  name: string;
  /** DuckDB type name, e.g. BIGINT, DOUBLE, VARCHAR, DATE. */
  type: string;
}

export interface TableInfo {
  name: string;
  /** null for a view that cannot run any more (its table was dropped). */
  rows: number | null;
  columns: ColumnInfo[];
  /** Estimated bytes on disk; null when DuckDB cannot tell. */
  sizeBytes: number | null;
  /** File the table was imported from (original name), or e.g. "sample:seed=7". */
  sourceFile: string | null;
  /** ISO timestamp of the import, null for tables made by SQL. */
  importedAt: string | null;
  /** 'data' for user tables, 'rejects' for kept bad rows of an import, 'view' for a derived view (e.g. a panel's `<panel>_tiers`). */
  kind: 'data' | 'rejects' | 'view';
}

export type ImportFormat = 'csv' | 'parquet' | 'xlsx';
export type TextEncoding = 'auto' | 'utf-8' | 'gbk' | 'gb18030';

export interface ImportArgs {
  /** Absolute path of the file on this machine. */
  path: string;
  /** Target table name. */
  table: string;
  /** Guessed from the extension when absent. */
  format?: ImportFormat;
  /** CSV only. 'auto' detects UTF-8 (with or without BOM) vs GB18030. */
  encoding?: TextEncoding;
  /** CSV only; sniffed when absent. */
  delimiter?: string;
  /** CSV only; sniffed when absent. */
  header?: boolean;
  /** xlsx only: sheet name; first sheet when absent. */
  sheet?: string;
  /** Keep bad rows in `<table>_rejects` instead of failing the import. */
  skipBadRows?: boolean;
  /** Replace an existing table of that name (default false: conflict). */
  replace?: boolean;
  /** Name to record as the source (the browser host uploads to a temp path). */
  sourceName?: string;
}

export interface ImportResult {
  table: string;
  rows: number;
  columns: ColumnInfo[];
  /** Rows rejected (only with skipBadRows). accepted + rejected = data lines in the file. */
  rejected: number;
  rejectsTable: string | null;
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | null;
  elapsedMs: number;
}

export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

export interface ColumnProfile {
  name: string;
  type: string;
  count: number;
  missing: number;
  missingPct: number;
  distinct: number;
  /** Numbers for numeric columns, ISO strings for dates, strings for text. */
  min: number | string | null;
  max: number | string | null;
  mean: number | null;
  std: number | null;
  quantiles: { p01: number; p05: number; p25: number; p50: number; p75: number; p95: number; p99: number } | null;
  top: { value: string; count: number }[];
  histogram: HistogramBin[];
}

export interface ProfileResult {
  table: string;
  rows: number;
  columns: ColumnProfile[];
}

/** Query results travel as Arrow IPC stream bytes; the renderer decodes with apache-arrow. */
export interface QueryResult {
  columns: ColumnInfo[];
  /** Rows in `arrow`. */
  rowCount: number;
  /** Total rows available (for preview: rows in the table). */
  totalRows: number;
  arrow: Uint8Array;
  truncated: boolean;
}

export interface WorkspaceInfo {
  path: string;
  duckdbVersion: string;
  tables: number;
}

export interface WorkspaceHandlers {
  'workspace.info': Handler<Record<string, never>, WorkspaceInfo>;
  'workspace.tables': Handler<Record<string, never>, TableInfo[]>;
  'workspace.import': Handler<ImportArgs, ImportResult>;
  /** Sheet names of an .xlsx file, for the import dialog. */
  'workspace.sheets': Handler<{ path: string }, string[]>;
  'workspace.rename': Handler<{ from: string; to: string }, TableInfo>;
  'workspace.drop': Handler<{ table: string }, { dropped: string }>;
  'workspace.profile': Handler<{ table: string; columns?: string[] }, ProfileResult>;
  'workspace.preview': Handler<{ table: string; offset: number; limit: number }, QueryResult>;
  /** Read-only SQL console: one SELECT-like statement. */
  'workspace.query': Handler<{ sql: string; limit?: number }, QueryResult>;
  /** Write the result of a read-only query to a CSV file. */
  /**
   * `excelBom` (default true) starts the file with a UTF-8 byte-order mark so Excel on Chinese
   * Windows shows Chinese text correctly; DuckDB and pandas (`utf-8-sig`) read it as well.
   */
  'workspace.exportCsv': Handler<{ sql: string; path: string; excelBom?: boolean }, { path: string; rows: number }>;
}

/**
 * The file being imported: does it exist, what is it called for the user, what format is it,
 * and what do its first bytes say. Checked before any DuckDB work so the common mistakes
 * (wrong path, empty export, a workbook picked as CSV) get a plain answer.
 */
import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { ImportFormat } from '../../api/workspace';
import { badInput, notFound } from '../../api/errors';

export interface SourceFile {
  path: string;
  /** What the user calls the file: `sourceName` (browser uploads land on temp paths) or the base name. */
  name: string;
  size: number;
}

export async function openSource(path: string, sourceName: string | undefined): Promise<SourceFile> {
  const name = sourceName ?? basename(path);
  let info: Stats;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw notFound(`${name} was not found (${path}).`, { file: name, path });
    throw badInput(`${name} cannot be read: ${(e as Error).message}`, { file: name, path });
  }
  if (!info.isFile()) throw badInput(`${name} is a folder, not a file.`, { file: name, path });
  if (info.size === 0) throw badInput(`${name}: the file is empty.`, { file: name, reason: 'empty' });
  return { path, name, size: info.size };
}

const FORMAT_BY_EXTENSION: Record<string, ImportFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.dat': 'csv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
};

/** The format asked for, else guessed from the extension; anything unknown is read as delimited text. */
export function formatOf(source: SourceFile, explicit: ImportFormat | undefined): ImportFormat {
  if (explicit !== undefined) {
    if (explicit !== 'csv' && explicit !== 'parquet' && explicit !== 'xlsx') {
      throw badInput(`Unknown import format "${String(explicit)}": use csv, parquet or xlsx.`, { field: 'format' });
    }
    return explicit;
  }
  const ext = extname(source.name).toLowerCase() || extname(source.path).toLowerCase();
  if (ext === '.xls') {
    throw badInput(`${source.name} is an old-style .xls workbook. Open it in Excel and save it as .xlsx, then import that.`, {
      file: source.name,
      reason: 'xls',
    });
  }
  return FORMAT_BY_EXTENSION[ext] ?? 'csv';
}

/** Up to `bytes` bytes from the start of the file (fewer when the file is shorter). */
export async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive or an Excel .xlsx workbook' },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old-style .xls workbook or Office document' },
];

/** "a PNG image" when the first bytes say so; null for unknown content. */
export function recognise(head: Uint8Array): string | null {
  const hit = MAGIC.find((m) => m.bytes.every((b, i) => head[i] === b));
  return hit ? hit.what : null;
}

export function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return bytes.every((b, i) => head[i] === b);
}

/** Table names proposed from file names, and the import format a file name implies. */
import type { ImportFormat } from '../../../src/api/workspace';

const MAX_NAME = 63;

/**
 * "UCI Credit Card (2005).csv" -> "uci_credit_card_2005". Letters of any script are kept
 * (贷款明细.csv stays readable); everything else becomes "_". Names never start with a digit,
 * so they need no quoting in hand-written SQL.
 */
export function tableNameFromFile(fileName: string): string {
  const stem = fileName.replace(/\.[^./\\]+$/, '');
  let name = stem
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  if (name === '') name = 'table';
  if (/^\p{N}/u.test(name)) name = `t_${name}`;
  return name.slice(0, MAX_NAME);
}

export function formatOfFile(fileName: string): ImportFormat | null {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  switch (ext) {
    case 'csv':
    case 'txt':
    case 'tsv':
      return 'csv';
    case 'parquet':
      return 'parquet';
    case 'xlsx':
      return 'xlsx';
    default:
      return null;
  }
}

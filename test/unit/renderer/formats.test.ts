/** What the UI prints: table names proposed from files, numbers, sizes and elapsed time in both languages. */
import { describe, expect, it } from 'vitest';
import { formatElapsed, formatters } from '../../../renderer/i18n/format';
import { formatOfFile, tableNameFromFile } from '../../../renderer/pages/data/tableName';

describe('tableNameFromFile', () => {
  it('proposes plain lower-case names that need no quoting', () => {
    expect(tableNameFromFile('uci_credit_card.csv')).toBe('uci_credit_card');
    expect(tableNameFromFile('Loan Tape (2024-06).CSV')).toBe('loan_tape_2024_06');
    expect(tableNameFromFile('2024 loans.parquet')).toBe('t_2024_loans');
    expect(tableNameFromFile('贷款明细 六月.xlsx')).toBe('贷款明细_六月');
    expect(tableNameFromFile('!!!.csv')).toBe('table');
    expect(tableNameFromFile('x'.repeat(100) + '.csv')).toHaveLength(63);
  });

  it('recognises the importable formats by extension', () => {
    expect(['a.csv', 'a.TXT', 'a.tsv', 'a.parquet', 'a.xlsx', 'a.xls', 'a'].map(formatOfFile)).toEqual([
      'csv', 'csv', 'csv', 'parquet', 'xlsx', null, null,
    ]);
  });
});

describe('formatters', () => {
  it('groups thousands and trims decimals in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      const f = formatters(lang);
      expect(f.int(30000)).toBe('30,000');
      expect(f.num(0.123456789)).toBe('0.1235');
      expect(f.num(2.5, 2)).toBe('2.5');
      expect(f.pct(12.345)).toBe('12.3%');
    }
  });

  it('prints sizes in binary units', () => {
    const f = formatters('en');
    expect([0, 1023, 1024, 1536, 5 * 1024 * 1024, 3 * 1024 ** 3].map(f.bytes)).toEqual(['0 B', '1,023 B', '1 KB', '1.5 KB', '5 MB', '3 GB']);
  });

  it('leaves text that is not a date as it is', () => {
    expect(formatters('en').dateTime('not a date')).toBe('not a date');
    expect(formatters('zh').dateTime('2024-06-30T08:00:00Z')).toMatch(/2024/);
  });

  it('prints elapsed time as m:ss, h:mm:ss past an hour', () => {
    expect([0, 999, 5_000, 65_000, 3_600_000 + 61_000].map(formatElapsed)).toEqual(['0:00', '0:00', '0:05', '1:05', '1:01:01']);
  });
});

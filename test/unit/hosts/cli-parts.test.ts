/** The CLI's pure parts: argument parsing, aligned tables, progress throttling, Arrow decoding, default paths. */
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src/api/jobs';
import { VigilError } from '../../../src/api/errors';
import { appDataDir, defaultWorkspacePath, invocationCwd, workspaceFromArgv } from '../../../src/host/app-data';
import { tableNameFromFile } from '../../../src/host/table-name';
import { arrowRows, rowObjects } from '../../../src/host/cli/arrow-rows';
import { intOption } from '../../../src/host/cli/command';
import { COMMANDS } from '../../../src/host/cli/commands';
import { displayWidth, formatTable } from '../../../src/host/cli/format';
import { parseCommandLine } from '../../../src/host/cli/parse';
import { ProgressReporter } from '../../../src/host/cli/progress';
import { exitCodeFor } from '../../../src/host/cli/exit-codes';

function parseError(argv: string[]): VigilError {
  try {
    parseCommandLine(argv, COMMANDS);
  } catch (e) {
    return e as VigilError;
  }
  throw new Error(`expected ${argv.join(' ')} to fail`);
}

describe('command line parsing', () => {
  it('finds the command after global options and parses its own options', () => {
    const line = parseCommandLine(['--workspace', 'w.duckdb', 'import', 'loans.csv', '--table', 'loans', '--no-header', '--json'], COMMANDS);
    expect(line).toMatchObject({ kind: 'run', args: ['loans.csv'], workspace: 'w.duckdb', json: true });
    if (line.kind === 'run') {
      expect(line.command.name).toBe('import');
      expect(line.options).toMatchObject({ table: 'loans', 'no-header': true });
    }
  });

  it('rejects unknown commands, unknown options and wrong argument counts as bad_input', () => {
    expect(parseError(['frobnicate']).kind).toBe('bad_input');
    expect(parseError(['tables', '--rows']).message).toMatch(/Unknown option '--rows'.*Usage: vigil tables/);
    expect(parseError(['import']).message).toMatch(/missing an argument/);
    expect(parseError(['rename', 'a']).message).toMatch(/Usage: vigil rename FROM TO/);
    expect(parseError(['drop', 'a', 'b']).message).toMatch(/too many arguments/);
  });

  it('help, --help and COMMAND --help are help', () => {
    expect(parseCommandLine([], COMMANDS)).toMatchObject({ kind: 'help', topic: null });
    expect(parseCommandLine(['help', 'query'], COMMANDS)).toMatchObject({ kind: 'help', topic: { name: 'query' } });
    expect(parseCommandLine(['query', '--help'], COMMANDS)).toMatchObject({ kind: 'help', topic: { name: 'query' } });
    expect(parseError(['help', 'nope']).message).toMatch(/Unknown command "nope"/);
  });

  it('whole-number options are checked', () => {
    expect(intOption({ loans: '5000' }, 'loans', 1)).toBe(5000);
    expect(intOption({}, 'loans', 1)).toBeUndefined();
    for (const bad of ['1.5', 'ten', '0', '', '1e99']) expect(() => intOption({ loans: bad }, 'loans', 1, 1e7)).toThrow(/--loans must be a whole number/);
  });

  it('exit codes: 2 for the user to fix, 130 cancelled, 1 internal', () => {
    expect(exitCodeFor('bad_input')).toBe(2);
    expect(exitCodeFor('not_found')).toBe(2);
    expect(exitCodeFor('conflict')).toBe(2);
    expect(exitCodeFor('cancelled')).toBe(130);
    expect(exitCodeFor('internal')).toBe(1);
  });
});

describe('aligned tables', () => {
  it('aligns text left and numbers right, counting Chinese characters as two columns', () => {
    const out = formatTable(
      [{ header: 'tier' }, { header: 'loans', right: true }],
      [
        ['正常', '48,210'],
        ['关注', '1,302'],
        ['substandard', '77'],
      ],
    ).split('\n');
    expect(displayWidth('正常')).toBe(4);
    const widths = out.map(displayWidth);
    expect(new Set(widths).size).toBe(1);
    expect(out[0]).toBe('tier          loans');
    expect(out[2]).toBe('正常         48,210');
    expect(out[4]).toBe('substandard      77');
  });
});

describe('progress on stderr', () => {
  const p = (elapsedMs: number, done = 1, state: JobProgress['state'] = 'running'): JobProgress => ({
    jobId: 'j',
    op: 'workspace.import',
    state,
    done,
    total: 30000,
    message: 'Reading rows',
    elapsedMs,
  });

  it('in a log: nothing for quick jobs, then at most one line a second', () => {
    const lines: string[] = [];
    let now = 0;
    const r = new ProgressReporter({ write: (s: string) => lines.push(s), isTTY: false }, () => now);
    r.update(p(200));
    expect(lines).toEqual([]);
    for (let t = 1000; t <= 3500; t += 250) {
      now = t;
      r.update(p(t, t * 3));
    }
    expect(lines).toHaveLength(3); // t = 1000, 2000, 3000
    expect(lines[0]).toBe('workspace.import · Reading rows · 3,000 / 30,000 (10%) · 1.0 s\n');
  });

  it('on a terminal: one line redrawn in place and cleared at the end', () => {
    const out: string[] = [];
    let now = 0;
    const r = new ProgressReporter({ write: (s: string) => out.push(s), isTTY: true, columns: 120 }, () => now);
    now = 500;
    r.update(p(500, 100));
    now = 550;
    r.update(p(550, 200)); // too soon to redraw
    now = 700;
    r.update(p(700, 300));
    r.update(p(800, 30000, 'done'));
    expect(out).toHaveLength(3);
    expect(out[0].startsWith('\r\x1b[2K')).toBe(true);
    expect(out[1]).toContain('300 / 30,000');
    expect(out[2]).toBe('\r\x1b[2K');
  });
});

describe('Arrow results to plain rows', () => {
  it('turns BigInt, dates and repeated names into JSON-safe values', () => {
    const table = tableFromArrays({
      loan_id: BigInt64Array.from([1n, 9007199254740993n]),
      balance: Float64Array.from([1200.5, 0]),
    });
    const plain = arrowRows(tableToIPC(table, 'stream'));
    expect(plain.columns).toEqual(['loan_id', 'balance']);
    expect(plain.rows).toEqual([
      [1, 1200.5],
      ['9007199254740993', 0],
    ]);
    expect(rowObjects({ columns: ['n', 'n'], rows: [[1, 2]] })).toEqual([{ n: 1, n_1: 2 }]);
  });
});

describe('default workspace location', () => {
  it('is the per-user data folder on each platform', () => {
    expect(defaultWorkspacePath({ platform: 'linux', env: {}, home: '/home/ana' })).toBe('/home/ana/.local/share/vigil/workspace.duckdb');
    expect(appDataDir({ platform: 'linux', env: { XDG_DATA_HOME: '/data/ana' }, home: '/home/ana' })).toBe('/data/ana/vigil');
    expect(appDataDir({ platform: 'linux', env: { XDG_DATA_HOME: 'relative' }, home: '/home/ana' })).toBe('/home/ana/.local/share/vigil');
    expect(appDataDir({ platform: 'darwin', env: {}, home: '/Users/ana' })).toBe('/Users/ana/Library/Application Support/Vigil');
    expect(defaultWorkspacePath({ platform: 'win32', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, home: 'C:\\Users\\ana' })).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Vigil\\workspace.duckdb',
    );
  });

  it('--workspace from a raw argv, relative to the cwd', () => {
    expect(workspaceFromArgv(['electron', '.', '--workspace', 'book.duckdb'], '/work')).toBe('/work/book.duckdb');
    expect(workspaceFromArgv(['--no-sandbox', '--workspace=/abs/w.duckdb'], '/work')).toBe('/abs/w.duckdb');
    expect(workspaceFromArgv(['electron', '.'], '/work')).toBeNull();
    expect(workspaceFromArgv(['--workspace'], '/work')).toBeNull();
  });

  it('relative paths are taken from where the user typed `npm run`, not from package.json', () => {
    const env = { npm_lifecycle_event: 'vigil', INIT_CWD: '/home/ana/loans' };
    expect(invocationCwd('vigil', env, '/repo')).toBe('/home/ana/loans');
    expect(invocationCwd('serve', env, '/repo')).toBe('/repo');
    expect(invocationCwd('vigil', {}, '/repo')).toBe('/repo');
  });

  it('import names the table after the file', () => {
    expect(tableNameFromFile('/data/uci_credit_card.csv')).toBe('uci_credit_card');
    expect(tableNameFromFile('C:\\exports\\Loan Tape 2024-06.xlsx')).toBe('loan_tape_2024_06');
    expect(tableNameFromFile('/d/贷款台账.csv')).toBe('贷款台账');
    expect(tableNameFromFile('/d/2024Q2.parquet')).toBe('t_2024q2');
    expect(tableNameFromFile('/d/---.csv')).toBe('imported');
  });
});

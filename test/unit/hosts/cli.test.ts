/**
 * The real `vigil` command (node bin/vigil.mjs), spawned on a temp workspace from a foreign cwd:
 * JSON output, human output, exit codes, read-only queries, and Ctrl-C.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir, UCI_CSV } from '../../helpers/paths';

const BIN = join(REPO_ROOT, 'bin', 'vigil.mjs');
const tmp = tempDir('vigil-cli-');
const ws = join(tmp.dir, 'cli.duckdb');
afterAll(() => tmp.cleanup());

function vigil(...args: string[]) {
  // From the temp folder, not the repo: the launcher must not depend on the cwd.
  const r = spawnSync(process.execPath, [BIN, ...args, '--workspace', ws], { cwd: tmp.dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1); // exactly one JSON object on stdout
  return JSON.parse(lines[0]) as T;
}

describe('vigil CLI', () => {
  it('import FILE --json loads the 30,000 UCI accounts into a table named after the file', () => {
    const r = vigil('import', UCI_CSV, '--json');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(r.code).toBe(0);
    const out = json<{ table: string; rows: number; columns: { name: string }[] }>(r.stdout);
    expect(out.table).toBe('uci_credit_card');
    expect(out.rows).toBe(30000);
    expect(out.columns.map((c) => c.name)).toContain('LIMIT_BAL');
  });

  it('tables --json lists the imported table', () => {
    const r = vigil('tables', '--json');
    expect(r.code).toBe(0);
    const out = json<{ tables: { name: string; rows: number }[] }>(r.stdout);
    expect(out.tables).toContainEqual(expect.objectContaining({ name: 'uci_credit_card', rows: 30000 }));
  });

  it('query --json returns rows as objects', () => {
    const r = vigil('query', 'select count(*) n from uci_credit_card', '--json');
    expect(r.code).toBe(0);
    const out = json<{ rows: { n: number }[]; rowCount: number }>(r.stdout);
    expect(out.rowCount).toBe(1);
    expect(out.rows[0].n).toBe(30000);
  });

  it('query prints an aligned table for people', () => {
    const r = vigil('query', 'select default_next_month as defaulted, count(*) as accounts from uci_credit_card group by 1 order by 1');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^defaulted\s+accounts$/);
    expect(lines[1]).toMatch(/^-+\s+-+$/);
    // Reference counts of the UCI data set: 23,364 repaid, 6,636 defaulted.
    expect(lines[2]).toMatch(/^\s*0\s+23364$/);
    expect(lines[3]).toMatch(/^\s*1\s+6636$/);
    expect(lines[4]).toBe('(2 rows)');
    // Right-aligned numbers: every row as wide as the header line.
    expect(lines[2].length).toBe(lines[0].length);
  });

  it('query --csv writes the result to a file', () => {
    const file = join(tmp.dir, 'by_education.csv');
    const r = vigil('query', 'select EDUCATION, count(*) n from uci_credit_card group by 1 order by 1', '--csv', file, '--json');
    expect(r.code).toBe(0);
    expect(json<{ rows: number }>(r.stdout).rows).toBeGreaterThan(3);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^\uFEFFEDUCATION,n$/);
    const plain = join(tmp.dir, 'plain.csv');
    expect(vigil('query', 'select 1 AS one', '--csv', plain, '--no-bom').code).toBe(0);
    expect(readFileSync(plain, 'utf8')).toBe('one\n1\n');
  });

  it('a statement that writes is refused as read-only (exit 2), and the table survives', () => {
    const r = vigil('query', 'drop table uci_credit_card', '--json');
    expect(r.code).toBe(2);
    const out = json<{ error: { kind: string; message: string } }>(r.stdout);
    expect(out.error.kind).toBe('bad_input');
    expect(out.error.message).toMatch(/read-only/i);
    expect(json<{ tables: { name: string }[] }>(vigil('tables', '--json').stdout).tables.map((t) => t.name)).toContain('uci_credit_card');
  });

  it('an unknown command exits 2 with a clear message on stderr', () => {
    const r = vigil('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown command "frobnicate"');
    expect(r.stderr).toContain('import');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stdout).toBe('');
  });

  it('with --json an error is one {"error": {...}} object on stdout', () => {
    const r = vigil('profile', 'no_such_table', '--json');
    expect(r.code).toBe(2);
    expect(json<{ error: { kind: string } }>(r.stdout).error.kind).toBe('not_found');
  });

  it('a misspelt option is an error, not silently ignored', () => {
    const r = vigil('import', UCI_CSV, '--tabel', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--tabel'");
    expect(r.stderr).toContain('Usage: vigil import FILE');
  });

  it('sample refuses sizes the engine would refuse, before starting', () => {
    const r = vigil('sample', '--months', '121', '--json');
    expect(r.code).toBe(2);
    expect(json<{ error: { kind: string; message: string } }>(r.stdout).error).toMatchObject({ kind: 'bad_input', message: expect.stringContaining('from 2 to 120') });
  });

  it('rename and drop change the catalog', () => {
    expect(vigil('rename', 'uci_credit_card', 'uci', '--json').code).toBe(0);
    expect(vigil('drop', 'uci', '--json').code).toBe(0);
    expect(json<{ tables: { name: string }[] }>(vigil('tables', '--json').stdout).tables.map((t) => t.name)).not.toContain('uci');
  });

  it('help lists every command without opening a workspace', () => {
    const r = spawnSync(process.execPath, [BIN, 'help'], { cwd: tmp.dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const names = ['import', 'sample', 'tables', 'profile', 'query', 'rename', 'drop', 'train', 'score', 'models', 'panels', 'classify', 'migration', 'warnings', 'layers'];
    for (const c of names) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    // Summaries line up in one column that a long usage (models' actions) does not push off screen.
    const summaryColumn = r.stdout.split('\n').filter((l) => /^ {2}(sample|panels|layers) /.test(l)).map((l) => l.search(/[A-Z]/));
    expect(new Set(summaryColumn).size).toBe(1);
    expect(summaryColumn[0]).toBeLessThan(30);
  });

  it('Ctrl-C cancels the running job and exits 130', async () => {
    const child = spawn(
      process.execPath,
      [BIN, 'query', 'SELECT count(*) FROM range(100000) a, range(100000) b WHERE (a.range * b.range) % 7 = 3', '--workspace', ws],
      { cwd: tmp.dir },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    // The job reports progress at least once a second: its first line says it is running.
    const running = new Promise<void>((resolve) => {
      child.stderr.on('data', (c: string) => {
        stderr += c;
        if (stderr.includes('workspace.query')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await running;
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('Cancelling');
    expect(stderr).toMatch(/vigil: .*[Cc]ancel/);
  });
});

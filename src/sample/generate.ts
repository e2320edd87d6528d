/**
 * `generatePortfolio`: builds the five sample tables entirely in DuckDB SQL and publishes them in
 * one transaction, the staging-then-swap pattern of imports:
 * 1. macro path and candidate loans (staging tables) -> onset months -> episodes (three passes) ->
 *    life (temporary tables), which picks the loans to publish: those on book in the window
 *    (`population.ts`) -> the monthly panel (in chunks of loans, so progress and cancellation stay
 *    responsive) -> collections -> outcomes (staging tables);
 * 2. one transaction drops the old sample tables (with `replace`), renames the staging tables and
 *    records them in the catalog.
 * A failure or a cancel at any point drops the staging tables: the workspace is exactly as before
 * (and staging tables of a run killed with its process are dropped by the next run).
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { conflict } from '../api/errors';
import type { JobContext } from '../api/jobs';
import type { SampleArgs, SampleResult } from '../api/sample';
import { INTERNAL_PREFIX, allRows, q, type Workspace } from '../workspace/workspace';
import { collectionsInsertSql } from './collections';
import {
  EPISODE_PASSES,
  episodePassSql,
  episodeTableSql,
  onsetTempSql,
  stateAdvanceSql,
  stateInitSql,
} from './episodes';
import { lifeTempSql, panelPartsSql, unpublishedLivesDeleteSql, unpublishedLoansDeleteSql } from './life';
import { loanNumbersSql, loansStagingSql } from './loans';
import { macroInsertSql, macroRateSetSql, macroTempSql } from './macro';
import { outcomesInsertSql } from './outcomes';
import { panelInsertSql } from './panel';
import { planSample, type SamplePlan } from './plan';
import { SAMPLE_TABLES, createTableSql, sampleColumns, type SampleTable, type SampleTargets } from './schema';

const CATALOG = `${INTERNAL_PREFIX}catalog`;
/** Loans per panel statement: about 5M rows at 24 months, a few seconds each on two cores. */
const PANEL_CHUNK_LOANS = 200_000;

/** Prefix of staging tables; a run's own names add a token: `_vigil_sample_<token>_<table>`. */
const STAGING_PREFIX = `${INTERNAL_PREFIX}sample_`;
/**
 * Tokens of the generations running in this process. DuckDB lets one process write a workspace
 * file, so staging tables whose token is not here were left by a run that crashed: they are dropped.
 */
const runningTokens = new Set<string>();

/** The `source_file` recorded in the catalog for sample tables. */
export const sampleSource = (seed: number) => `sample:seed=${seed}`;

/** Only the named parameters a statement uses (DuckDB rejects unused ones). */
function bindFor(sql: string, all: Record<string, DuckDBValue>): Record<string, DuckDBValue> {
  const used: Record<string, DuckDBValue> = {};
  for (const [, name] of sql.matchAll(/\$([a-z_]+)/g)) if (name in all) used[name] = all[name];
  return used;
}

export async function generatePortfolio(ws: Workspace, args: SampleArgs, ctx: JobContext): Promise<SampleResult> {
  const plan = planSample(args);
  const started = Date.now();
  const params: Record<string, DuckDBValue> = {
    seed: plan.seed,
    loans: plan.loans,
    months: plan.months,
    first_month: plan.firstMonth,
    new_share: plan.newShare,
    candidates: plan.candidates,
    pre_window_share: plan.preWindowShare,
  };
  // Staging names are unique per run, hidden by the internal prefix, and renamed when published.
  const token = randomUUID().replaceAll('-', '').slice(0, 12);
  const staging = Object.fromEntries(SAMPLE_TABLES.map((t) => [t, `${STAGING_PREFIX}${token}_${t}`])) as Record<SampleTable, string>;
  const targets = Object.fromEntries(SAMPLE_TABLES.map((t) => [t, q(staging[t])])) as SampleTargets;
  const chunks = Math.ceil(plan.loans / PANEL_CHUNK_LOANS);
  // Units: the check, one per phase statement below, one per panel chunk, the publication.
  const total = 9 + EPISODE_PASSES + chunks;
  let done = 0;

  const tables = await ws.withConnection(async (c) => {
    const step = async (message: string, sql: string, extra: Record<string, DuckDBValue> = {}) => {
      ctx.throwIfCancelled();
      ctx.progress(done, total, message);
      await c.run(sql, bindFor(sql, { ...params, ...extra }));
      done += 1;
    };

    // Fail fast, before minutes of work; checked again when publishing.
    ctx.progress(done, total, 'Checking for existing sample tables');
    if (!plan.replace) await clearSampleTables(c, plan);
    done += 1;

    runningTokens.add(token);
    try {
      await dropStaleStaging(c);
      // Tables are written under staging names and committed as they go, so later phases scan
      // them in parallel (DuckDB reads a table written inside a still-open transaction several
      // times more slowly, and the panel is the bulk of the data). Working state lives in
      // temporary tables of this connection, which vanish with it.
      for (const t of SAMPLE_TABLES) if (t !== 'loans') await c.run(createTableSql(t, targets[t], q));
      await step('Macro path', macroTempSql());
      await c.run(macroRateSetSql());
      await c.run(macroInsertSql(targets.macro));
      await c.run(loanNumbersSql(), bindFor(loanNumbersSql(), params));
      await step('Loans at origination', loansStagingSql(targets.loans));
      await step('Months of delinquency onset', onsetTempSql(targets.loans));
      await c.run(stateInitSql(targets.loans));
      await c.run(episodeTableSql());
      for (let k = 1; k <= EPISODE_PASSES; k++) {
        await step(`Delinquency episodes, pass ${k} of ${EPISODE_PASSES}`, episodePassSql(k, targets.loans));
        await c.run(stateAdvanceSql(k));
      }
      await step('Repayment schedules and exits', lifeTempSql(targets.loans));
      await step('Loans on book in the window', unpublishedLivesDeleteSql());
      await c.run(unpublishedLoansDeleteSql(targets.loans));
      const parts = await allRows<{ first_loan: number; last_loan: number; loans: number }>(c, panelPartsSql(), [PANEL_CHUNK_LOANS]);
      let built = 0;
      for (const part of parts) {
        const label = `Monthly panel: loans ${(built + 1).toLocaleString('en')}-${(built + part.loans).toLocaleString('en')} of ${plan.loans.toLocaleString('en')}`;
        await step(label, panelInsertSql(targets.loan_performance), { from: part.first_loan, to: part.last_loan });
        built += part.loans;
      }
      done += chunks - parts.length; // only if fewer loans than asked were on book in the window
      await step('Collection cases', collectionsInsertSql(targets));
      await step('Modelling base (12-month default flag)', outcomesInsertSql(targets));

      // Publish in one transaction: shed the hidden loan columns, replace the old tables, rename,
      // record in the catalog.
      ctx.throwIfCancelled();
      ctx.progress(done, total, 'Publishing the tables');
      const counts = await inTransaction(c, ctx, async () => {
        await dropHiddenLoanColumns(c, staging.loans);
        await clearSampleTables(c, plan);
        const importedAt = new Date().toISOString();
        const out: { name: string; rows: number }[] = [];
        for (const t of SAMPLE_TABLES) {
          await c.run(`ALTER TABLE ${targets[t]} RENAME TO ${q(t)}`);
          await c.run(
            `INSERT OR REPLACE INTO ${q(CATALOG)} (table_name, source_file, imported_at, kind)
             VALUES ($name, $source, CAST($at AS TIMESTAMP), 'data')`,
            { name: t, source: sampleSource(plan.seed), at: importedAt },
          );
          const [row] = await allRows<{ n: number }>(c, `SELECT count(*) AS n FROM ${q(t)}`);
          out.push({ name: t, rows: row.n });
        }
        return out;
      });
      done += 1;
      return counts;
    } finally {
      // After a publication these names no longer exist; after a failure or cancel they are removed.
      runningTokens.delete(token);
      for (const t of SAMPLE_TABLES) await c.run(`DROP TABLE IF EXISTS ${targets[t]}`).catch(() => undefined);
    }
  }, ctx);

  ctx.progress(total, total, 'Sample portfolio ready');
  return {
    seed: plan.seed,
    // As asked, unless (never seen) fewer candidates than that were on book in the window.
    loans: tables.find((t) => t.name === 'loans')?.rows ?? 0,
    months: plan.months,
    tables,
    elapsedMs: Date.now() - started,
    firstSnapshot: plan.firstSnapshot,
    lastSnapshot: plan.lastSnapshot,
  };
}

/** Drops staging tables left by a generation that died with its process (not by running ones). */
async function dropStaleStaging(c: DuckDBConnection): Promise<void> {
  const rows = await allRows<{ name: string }>(
    c,
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_catalog = current_database() AND table_schema = 'main' AND starts_with(table_name, $1)`,
    [STAGING_PREFIX],
  );
  for (const { name } of rows) {
    const token = name.slice(STAGING_PREFIX.length).split('_')[0];
    if (!runningTokens.has(token)) await c.run(`DROP TABLE IF EXISTS ${q(name)}`);
  }
}

/** Drops the staging loans table's working columns, leaving exactly the schema's (metadata only in DuckDB). */
async function dropHiddenLoanColumns(c: DuckDBConnection, table: string): Promise<void> {
  const visible = new Set(sampleColumns('loans').map(([name]) => name));
  const columns = await allRows<{ name: string }>(
    c,
    `SELECT column_name AS name FROM information_schema.columns
     WHERE table_catalog = current_database() AND table_schema = 'main' AND table_name = $1`,
    [table],
  );
  for (const { name } of columns) if (!visible.has(name)) await c.run(`ALTER TABLE ${q(table)} DROP COLUMN ${q(name)}`);
}

/** BEGIN ... COMMIT on this connection; any error (or a cancel) rolls back everything written. */
async function inTransaction<T>(c: DuckDBConnection, ctx: JobContext, fn: () => Promise<T>): Promise<T> {
  await c.run('BEGIN TRANSACTION');
  try {
    const out = await fn();
    ctx.throwIfCancelled();
    await c.run('COMMIT');
    return out;
  } catch (e) {
    try {
      await c.run('ROLLBACK');
    } catch {
      /* an interrupted transaction may already be rolled back */
    }
    throw e;
  }
}

/** Conflict if any sample table (or a view of that name) exists, unless replacing: then drop them. */
async function clearSampleTables(c: DuckDBConnection, plan: SamplePlan): Promise<void> {
  const names = SAMPLE_TABLES.map((_, i) => `$${i + 1}`).join(', ');
  const existing = await allRows<{ name: string; type: string }>(
    c,
    `SELECT table_name AS name, table_type AS type FROM information_schema.tables
     WHERE table_catalog = current_database() AND table_schema = 'main' AND lower(table_name) IN (${names})
     ORDER BY table_name`,
    [...SAMPLE_TABLES],
  );
  if (existing.length === 0) return;
  if (!plan.replace) {
    const list = existing.map((t) => t.name).join(', ');
    throw conflict(`The workspace already has ${list}. Generate with "replace" to overwrite the sample tables.`, {
      tables: existing.map((t) => t.name),
    });
  }
  for (const t of existing) {
    await c.run(`DROP ${t.type === 'VIEW' ? 'VIEW' : 'TABLE'} ${q(t.name)}`);
    // A replaced user table ("Loans") must not leave its catalog row behind.
    await c.run(`DELETE FROM ${q(CATALOG)} WHERE lower(table_name) = lower($1)`, [t.name]);
  }
}

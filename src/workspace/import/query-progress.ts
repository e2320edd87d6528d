/**
 * Progress of one long DuckDB statement (a bulk load): DuckDB tracks it per connection, and
 * polling it keeps the user's progress bar moving during a load that is a single SQL call.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { JobContext } from '../../api/jobs';

const POLL_MS = 250;

/** Run `statement`, reporting DuckDB's percentage as `done` of 100 while it runs. */
export async function withQueryProgress<T>(
  c: DuckDBConnection,
  ctx: JobContext,
  message: string,
  statement: () => Promise<T>,
): Promise<T> {
  // Session settings: track progress without DuckDB drawing its own bar on stdout.
  await c.run('SET enable_progress_bar = true');
  await c.run('SET enable_progress_bar_print = false');
  ctx.progress(0, 100, message);
  ctx.throwIfCancelled();
  const timer = setInterval(() => {
    const pct = c.progress.percentage;
    // -1 until DuckDB has an estimate; never claim 100 before the statement returns.
    ctx.progress(pct >= 0 ? Math.min(99, Math.floor(pct)) : 0, 100, message);
  }, POLL_MS);
  try {
    const out = await statement();
    ctx.progress(100, 100, message);
    return out;
  } finally {
    clearInterval(timer);
  }
}

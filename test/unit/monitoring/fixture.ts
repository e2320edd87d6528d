/** Shared set-up for monitoring tests: a workspace in a temp folder with the hand-counted panel loaded. */
import { join } from 'node:path';
import type { JobContext } from '../../../src/api/jobs';
import type { PanelMapping } from '../../../src/api/monitoring';
import { cancelled } from '../../../src/api/errors';
import { monitoringHandlers } from '../../../src/monitoring/handlers';
import { Workspace } from '../../../src/workspace/workspace';
import { REPO_ROOT, tempDir } from '../../helpers/paths';

export const FIXTURES = join(REPO_ROOT, 'test/fixtures/monitoring');

export const S1 = '2024-01-31';
export const S2 = '2024-02-29';
export const S3 = '2024-03-31';
export const S4 = '2024-04-30';

/** A job context that records progress and can be cancelled. */
export function testCtx(): JobContext & { events: { done: number; total: number | null; message?: string }[]; cancel: () => void } {
  const controller = new AbortController();
  const events: { done: number; total: number | null; message?: string }[] = [];
  return {
    jobId: 'test',
    signal: controller.signal,
    events,
    cancel: () => controller.abort(),
    progress(done, total = null, message) {
      events.push({ done, total, message });
    },
    throwIfCancelled() {
      if (controller.signal.aborted) throw cancelled();
    },
  };
}

/** The small panel mapped with attributes and scores. */
export const SMALL_MAPPING: PanelMapping = {
  panel: 'small',
  table: 'small_panel',
  columns: {
    loanId: 'loan_id',
    snapshotDate: 'snapshot_date',
    daysPastDue: 'dpd',
    balance: 'balance',
    paidAmount: 'paid_amount',
    restructured: 'restructured',
    creditLimit: 'credit_limit',
  },
  attributes: {
    table: 'small_loans',
    key: 'loan_id',
    columns: { product: 'product', region: 'region', industry: 'industry', originationDate: 'origination_date', originalAmount: 'amount', ltv: 'ltv' },
  },
  scores: { table: 'small_scores', key: 'loan_id', snapshotDate: 'snapshot_date', pd: 'pd' },
};

export interface Fixture {
  ws: Workspace;
  api: ReturnType<typeof monitoringHandlers>;
  cleanup: () => Promise<void>;
}

/** Open a fresh workspace with the three fixture tables; `map` also saves SMALL_MAPPING. */
export async function openFixture(map = true): Promise<Fixture> {
  const { dir, cleanup } = tempDir('vigil-monitoring-');
  const ws = await Workspace.open(join(dir, 'ws.duckdb'));
  await ws.run(
    `CREATE TABLE small_panel AS SELECT * FROM read_csv($1, header = true, columns = {
       'loan_id': 'VARCHAR', 'snapshot_date': 'DATE', 'dpd': 'INTEGER', 'balance': 'DOUBLE',
       'paid_amount': 'DOUBLE', 'restructured': 'BOOLEAN', 'credit_limit': 'DOUBLE'})`,
    [join(FIXTURES, 'small_panel.csv')],
  );
  await ws.run(
    `CREATE TABLE small_loans AS SELECT * FROM read_csv($1, header = true, columns = {
       'loan_id': 'VARCHAR', 'product': 'VARCHAR', 'region': 'VARCHAR', 'industry': 'VARCHAR',
       'origination_date': 'DATE', 'amount': 'DOUBLE', 'ltv': 'DOUBLE'})`,
    [join(FIXTURES, 'small_loans.csv')],
  );
  await ws.run(
    `CREATE TABLE small_scores AS SELECT * FROM read_csv($1, header = true, columns = {
       'loan_id': 'VARCHAR', 'snapshot_date': 'DATE', 'pd': 'DOUBLE'})`,
    [join(FIXTURES, 'small_scores.csv')],
  );
  const api = monitoringHandlers(ws);
  if (map) await api['monitoring.saveMapping']({ mapping: SMALL_MAPPING }, testCtx());
  return {
    ws,
    api,
    cleanup: async () => {
      await ws.close();
      cleanup();
    },
  };
}

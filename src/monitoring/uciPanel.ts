/**
 * The UCI "default of credit card clients" table (one wide row per account) as a performance panel:
 * six month-end snapshots, April to September 2005. The wide columns run backwards in time:
 * PAY_0 / BILL_AMT1 / PAY_AMT1 are September, PAY_6 / BILL_AMT6 / PAY_AMT6 are April.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PanelMapping } from '../api/monitoring';
import { badInput, conflict } from '../api/errors';
import { q } from '../workspace/workspace';
import { isNumericType, requireColumns, SqlParams, tableExists } from './sql';

/** Month end, then the wide columns holding that month's status, bill and payment. */
export const UCI_MONTHS: readonly { snapshot: string; status: string; bill: string; paid: string }[] = [
  { snapshot: '2005-04-30', status: 'PAY_6', bill: 'BILL_AMT6', paid: 'PAY_AMT6' },
  { snapshot: '2005-05-31', status: 'PAY_5', bill: 'BILL_AMT5', paid: 'PAY_AMT5' },
  { snapshot: '2005-06-30', status: 'PAY_4', bill: 'BILL_AMT4', paid: 'PAY_AMT4' },
  { snapshot: '2005-07-31', status: 'PAY_3', bill: 'BILL_AMT3', paid: 'PAY_AMT3' },
  { snapshot: '2005-08-31', status: 'PAY_2', bill: 'BILL_AMT2', paid: 'PAY_AMT2' },
  { snapshot: '2005-09-30', status: 'PAY_0', bill: 'BILL_AMT1', paid: 'PAY_AMT1' },
];

const NEEDED = ['ID', 'LIMIT_BAL', ...UCI_MONTHS.flatMap((m) => [m.status, m.bill, m.paid])];

/**
 * Write the long panel `target` from the wide UCI table and return its mapping. Status codes -2
 * (no consumption), -1 (paid in full) and 0 (revolving) all mean "not late": months past due is
 * max(status, 0) and days past due 30 × that, so 1 month late falls in the 1–30 bucket.
 */
export async function writeUciPanel(c: DuckDBConnection, table: string, target: string, replace: boolean): Promise<PanelMapping> {
  const cols = await requireColumns(c, table);
  for (const name of NEEDED) {
    const col = cols.find((x) => x.name.toUpperCase() === name);
    if (!col) throw badInput(`"${table}" does not look like the UCI credit-card table: it has no column ${name}.`, { table, column: name });
    if (!isNumericType(col.type)) throw badInput(`Column ${col.name} of "${table}" must be numeric, not ${col.type}.`, { table, column: col.name });
  }
  if (target === table) throw badInput('Write the panel to a new table, not over the UCI table itself.', { table, target });
  if (!replace && (await tableExists(c, target))) {
    throw conflict(`A table named "${target}" already exists; choose another name or replace it.`, { table: target });
  }
  // Column names as the table spells them (case may differ from the published header).
  const col = (name: string) => q(cols.find((x) => x.name.toUpperCase() === name)!.name);
  const p = new SqlParams();
  const months = UCI_MONTHS.map(
    (m) => `SELECT ${col('ID')} AS loan_id, ${p.date(m.snapshot)} AS snapshot_date,
        CAST(${col(m.status)} AS INTEGER) AS pay_status,
        greatest(CAST(${col(m.status)} AS INTEGER), 0) AS months_past_due,
        30 * greatest(CAST(${col(m.status)} AS INTEGER), 0) AS days_past_due,
        CAST(${col(m.bill)} AS DOUBLE) AS balance, CAST(${col(m.paid)} AS DOUBLE) AS paid_amount,
        CAST(${col('LIMIT_BAL')} AS DOUBLE) AS credit_limit,
        CAST(${col(m.bill)} AS DOUBLE) / NULLIF(CAST(${col('LIMIT_BAL')} AS DOUBLE), 0) AS utilisation
      FROM ${q(table)}`,
  );
  await c.run(`CREATE OR REPLACE TABLE ${q(target)} AS SELECT * FROM (${months.join(' UNION ALL ')}) ORDER BY loan_id, snapshot_date`, p.values);
  return {
    panel: target,
    table: target,
    columns: {
      loanId: 'loan_id',
      snapshotDate: 'snapshot_date',
      daysPastDue: 'days_past_due',
      balance: 'balance',
      paidAmount: 'paid_amount',
      creditLimit: 'credit_limit',
      utilisation: 'utilisation',
    },
  };
}

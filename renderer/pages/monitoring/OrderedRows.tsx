/**
 * One editable list of rule rows, shared by every rule editor of the Monitoring page (warning rules,
 * layer rules, LGD per product, case allocation, per-product day limits): the caller draws a row's
 * own cells; this adds the position, move up / down (where order decides, first match wins),
 * remove, add, and the problem of a row on a line of its own right under it.
 */
import { Fragment, type ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { moveRow, removeRow, replaceRow, type Keyed } from './orderedRows';

export interface ShownProblem {
  message: string;
  /** The field to mark; null when the row as a whole is wrong. */
  field: string | null;
}

/** The line under a table row that says what is wrong with it (nothing when the row is fine). */
export function RowProblem({ problem, span, testId, row }: { problem: ShownProblem | null | undefined; span: number; testId: string; row: number }) {
  if (!problem) return null;
  return (
    <tr className="mon-edit-problem">
      <td colSpan={span} role="alert" data-testid={`${testId}-problem`} data-row={row}>
        {problem.message}
      </td>
    </tr>
  );
}

export interface RowCells<R> {
  row: R;
  index: number;
  update(patch: Partial<R>): void;
  /** True for the field the row's problem names: the caller marks that input. */
  invalid(field: string): boolean;
}

export function OrderedRows<R extends Keyed>({
  rows,
  onChange,
  head,
  columns,
  cells,
  newRow,
  addLabel,
  ordered = false,
  compact = false,
  locked,
  problem,
  testId,
}: {
  rows: readonly R[];
  onChange(rows: R[]): void;
  /** The <th> cells of the row's own columns. */
  head: ReactNode;
  /** How many cells `head` and `cells` draw (the problem line spans them all). */
  columns: number;
  cells(c: RowCells<R>): ReactNode;
  newRow(): R;
  addLabel: string;
  /** The order decides (first match wins): number the rows and let them move. */
  ordered?: boolean;
  /** As wide as its inputs, not the dialog: for short rows of a few fields. */
  compact?: boolean;
  /** A row that stays where it is (the `default` LGD). */
  locked?(row: R): boolean;
  problem(index: number): ShownProblem | null;
  testId: string;
}) {
  const { t } = useI18n();
  const span = columns + (ordered ? 2 : 1);
  const fixed = (r: R | undefined): boolean => r !== undefined && (locked?.(r) ?? false);
  return (
    <div className="mon-edit-rows" data-testid={testId}>
      <table className={compact ? 'mon-table mon-edit-table mon-edit-compact' : 'mon-table mon-edit-table'}>
        <thead>
          <tr>
            {ordered && <th className="mon-edit-pos">#</th>}
            {head}
            <th className="mon-edit-actions" aria-label={t('mon.edit.actions')} />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const p = problem(index);
            return (
              <Fragment key={row.key}>
                <tr className={p ? 'mon-edit-bad' : undefined} data-testid={`${testId}-row`} data-row={index}>
                  {ordered && <td className="mon-edit-pos">{index + 1}</td>}
                  {cells({
                    row,
                    index,
                    update: (patch) => onChange(replaceRow(rows, index, { ...row, ...patch })),
                    invalid: (field) => p?.field === field,
                  })}
                  <td className="mon-edit-actions">
                    {ordered && (
                      <>
                        <button type="button" className="icon-btn mon-edit-btn" aria-label={t('mon.edit.up')} title={t('mon.edit.up')} disabled={index === 0 || fixed(row) || fixed(rows[index - 1])} onClick={() => onChange(moveRow(rows, index, -1))} data-testid={`${testId}-up`}>
                          ↑
                        </button>
                        <button type="button" className="icon-btn mon-edit-btn" aria-label={t('mon.edit.down')} title={t('mon.edit.down')} disabled={index === rows.length - 1 || fixed(row) || fixed(rows[index + 1])} onClick={() => onChange(moveRow(rows, index, 1))} data-testid={`${testId}-down`}>
                          ↓
                        </button>
                      </>
                    )}
                    <button type="button" className="icon-btn mon-edit-btn" aria-label={t('mon.edit.remove')} title={t('mon.edit.remove')} disabled={fixed(row)} onClick={() => onChange(removeRow(rows, index))} data-testid={`${testId}-remove`}>
                      ×
                    </button>
                  </td>
                </tr>
                <RowProblem problem={p} span={span} testId={testId} row={index} />
              </Fragment>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="btn btn-small mon-edit-add" onClick={() => onChange([...rows, newRow()])} data-testid={`${testId}-add`}>
        <span aria-hidden="true">+</span>
        {addLabel}
      </button>
    </div>
  );
}

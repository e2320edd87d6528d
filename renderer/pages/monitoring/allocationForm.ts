/**
 * The case-allocation editor's form (案件分配规则): ordered rows routing a delinquent loan to a
 * collection team (催收团队) by stage, layer and balance; the first row that matches wins. Turned
 * back into CaseAllocationRule[], or into every row that is wrong and why.
 */
import { COLLECTION_STAGES, LAYERS, type CaseAllocationRule, type CollectionStage, type Layer } from '../../../src/api/monitoring';
import { numberText, parseOptional, rowKey, type FieldLocation, type FormCheck, type Keyed, type RowProblem } from './orderedRows';

export interface AllocationRow extends Keyed {
  team: string;
  /** Empty = every stage. */
  stages: CollectionStage[];
  /** Empty = every layer. */
  layers: Layer[];
  minBalance: string;
  maxBalance: string;
}

export function allocationFormFrom(rules: readonly CaseAllocationRule[]): AllocationRow[] {
  return rules.map((r) => ({
    key: rowKey(),
    team: r.team,
    stages: r.stages ?? [],
    layers: r.layers ?? [],
    minBalance: numberText(r.minBalance),
    maxBalance: numberText(r.maxBalance),
  }));
}

export function newAllocationRow(): AllocationRow {
  return { key: rowKey(), team: '', stages: [], layers: [], minBalance: '', maxBalance: '' };
}

/** The picked values in the canonical order (early → late, A → C), each once. */
function inOrder<T extends string>(all: readonly T[], picked: readonly T[]): T[] {
  return all.filter((x) => picked.includes(x));
}

/** Ticks a box on or off. */
export function toggleIn<T extends string>(all: readonly T[], picked: readonly T[], value: T, on: boolean): T[] {
  return inOrder(all, on ? [...picked, value] : picked.filter((x) => x !== value));
}

/** A row with no condition at all takes every case that reaches it. */
function catchesAll(r: AllocationRow): boolean {
  return r.stages.length === 0 && r.layers.length === 0 && r.minBalance.trim() === '' && r.maxBalance.trim() === '';
}

function rowProblem(r: AllocationRow, earlier: readonly AllocationRow[]): Pick<RowProblem, 'field' | 'problem'> | null {
  if (r.team.trim() === '') return { field: 'team', problem: 'mon.alloc.noTeam' };
  const min = parseOptional(r.minBalance);
  const max = parseOptional(r.maxBalance);
  if (min === null || (min !== undefined && min < 0)) return { field: 'minBalance', problem: 'mon.alloc.badBalance' };
  if (max === null || (max !== undefined && max < 0)) return { field: 'maxBalance', problem: 'mon.alloc.badBalance' };
  // The engine routes on min ≤ balance < max: equal bounds would match nothing.
  if (min !== undefined && max !== undefined && min >= max) return { field: 'maxBalance', problem: 'mon.alloc.balanceOrder' };
  if (earlier.some(catchesAll)) return { field: null, problem: 'mon.alloc.unreachable' };
  return null;
}

export function allocationFrom(rows: readonly AllocationRow[]): FormCheck<CaseAllocationRule[], 'allocation'> {
  const problems: RowProblem<'allocation'>[] = [];
  rows.forEach((r, row) => {
    const p = rowProblem(r, rows.slice(0, row));
    if (p) problems.push({ list: 'allocation', row, ...p });
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: rows.map((r): CaseAllocationRule => {
      const min = parseOptional(r.minBalance) ?? undefined;
      const max = parseOptional(r.maxBalance) ?? undefined;
      return {
        team: r.team.trim(),
        ...(r.stages.length > 0 && { stages: inOrder(COLLECTION_STAGES, r.stages) }),
        ...(r.layers.length > 0 && { layers: inOrder(LAYERS, r.layers) }),
        ...(min !== undefined && { minBalance: min }),
        ...(max !== undefined && { maxBalance: max }),
      };
    }),
  };
}

/** The engine names a rule as `allocation[i]`, in the order sent: the form's order. */
export function placeAllocationError(at: FieldLocation, rows: readonly AllocationRow[]): { list: 'allocation'; row: number } | null {
  return at.list === 'allocation' && at.row !== null && at.row < rows.length ? { list: 'allocation', row: at.row } : null;
}

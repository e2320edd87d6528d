/**
 * `models.compare`: several saved models scored on the very same rows, side by side, with DeLong's
 * test of each pair's AUC difference (the models see the same loans, so their AUCs are correlated and
 * an unpaired comparison would overstate the uncertainty).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompareArgs, CompareResult } from '../api/models';
import { badInput } from '../api/errors';
import type { JobContext } from '../api/jobs';
import type { FeatureSpec, Labels } from '../../models/dataset';
import { brierScore, delongAuc, delongTest, ks, logLoss } from '../../models/metrics';
import { stratifiedSplit, subsetDataset, subsetLabels } from '../../models/validation';
import type { Workspace } from '../workspace/workspace';
import { describeTable, type TableColumns } from './frame';
import { loadPdModel } from './pd-model';
import { readModel, type StoredModel } from './registry';
import { resolveTarget, type TargetMapping } from './target';
import { fingerprint, readLabelled } from './training-data';
import { trainingRowMask } from './training-rows';

/** Which rows the comparison uses, decided once from the arguments and the first model. */
interface RowChoice {
  testWhere: string | null;
  /** Seeded stratified split to reproduce (the first model's random holdout). */
  split: { testFraction: number; seed: number } | null;
  description: string;
}

function chooseRows(args: CompareArgs, first: StoredModel, table: string): RowChoice {
  if (args.testWhere !== undefined) return { testWhere: args.testWhere, split: null, description: `rows of ${table} where ${args.testWhere}` };
  const v = first.summary.validation;
  if (table.toLowerCase() !== first.summary.table.toLowerCase() || v.kind === 'none') {
    return { testWhere: null, split: null, description: `all rows of ${table} with a known outcome` };
  }
  if (v.kind === 'where') return { testWhere: v.testWhere, split: null, description: `the test set of ${first.summary.name} v${first.summary.version}: rows where ${v.testWhere}` };
  return {
    testWhere: null,
    split: { testFraction: v.testFraction, seed: first.summary.seed },
    description: `the test set of ${first.summary.name} v${first.summary.version}: stratified ${Math.round(v.testFraction * 100)}% split, seed ${first.summary.seed}`,
  };
}

/** Indexes of the rows flagged 1. */
function rowsOf(mask: Uint8Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i];
  const out = new Uint32Array(n);
  for (let i = 0, k = 0; i < mask.length; i++) if (mask[i] === 1) out[k++] = i;
  return out;
}

function checkIds(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.length < 2 || ids.some((x) => typeof x !== 'string')) {
    throw badInput('Choose at least two models to compare.', { field: 'ids' });
  }
  const unique = [...new Set(ids as string[])];
  if (unique.length !== ids.length) throw badInput('A model is listed twice.', { field: 'ids' });
  return unique;
}

interface SameRows {
  /** Outcomes of the compared rows. */
  y: Labels;
  /** Outcomes of every row with a known outcome, and which of them are compared (null = all). */
  yAll: Labels;
  keep: Uint32Array | null;
  pds: Float64Array[];
}

/** Every model's PDs on the chosen rows (read per model: each reads its own features, levels and all). */
async function pdsOnSameRows(
  c: DuckDBConnection,
  t: TableColumns,
  target: TargetMapping,
  stored: StoredModel[],
  choice: RowChoice,
  ctx: JobContext,
): Promise<SameRows> {
  const out: SameRows = { y: new Uint8Array(0), yAll: new Uint8Array(0), keep: null, pds: [] };
  for (const [k, m] of stored.entries()) {
    ctx.progress(k, stored.length, `Scoring ${m.summary.name} v${m.summary.version}`);
    const labelled = await readLabelled(c, t, target, m.detail.featureSpecs as FeatureSpec[], choice.testWhere);
    const keep = labelled.testMask ? rowsOf(labelled.testMask) : choice.split ? stratifiedSplit(labelled.y, choice.split).test : null;
    out.pds.push(loadPdModel(m.summary.kind, JSON.parse(m.modelJson)).predict(keep ? subsetDataset(labelled.data, keep) : labelled.data));
    Object.assign(out, { y: keep ? subsetLabels(labelled.y, keep) : labelled.y, yAll: labelled.y, keep });
  }
  return out;
}

/** A warning for each model that was trained on some of the compared rows (its figures there are optimistic). */
async function overlapWarnings(c: DuckDBConnection, t: TableColumns, target: TargetMapping, stored: StoredModel[], rows: SameRows): Promise<string[]> {
  const warnings: string[] = [];
  for (const m of stored) {
    const trained = await trainingRowMask(c, t, target, m, rows.yAll);
    if (trained === null) continue;
    let overlap = 0;
    if (rows.keep) for (const i of rows.keep) overlap += trained[i];
    else for (let i = 0; i < trained.length; i++) overlap += trained[i];
    if (overlap > 0) {
      warnings.push(`${m.summary.name} v${m.summary.version} was trained on ${overlap} of these ${rows.y.length} rows: its figures here are optimistic.`);
    }
  }
  return warnings;
}

/** Metrics side by side, best AUC first, and DeLong's test for each pair (the better model as `a`). */
function sideBySide(y: Labels, stored: StoredModel[], pds: Float64Array[]): Pick<CompareResult, 'models' | 'pairs'> {
  const ranked = stored
    .map((m, k) => {
      const pd = pds[k];
      const a = delongAuc(y, pd);
      return {
        pd,
        row: {
          id: m.summary.id,
          name: m.summary.name,
          version: m.summary.version,
          kind: m.summary.kind,
          auc: a.auc,
          aucCi: [a.ciLow, a.ciHigh] as [number, number],
          ks: ks(y, pd).statistic,
          gini: 2 * a.auc - 1,
          brier: brierScore(y, pd),
          logLoss: logLoss(y, pd),
        },
      };
    })
    .sort((a, b) => b.row.auc - a.row.auc);
  const pairs: CompareResult['pairs'] = [];
  for (let i = 0; i < ranked.length; i++) {
    for (let j = i + 1; j < ranked.length; j++) {
      const d = delongTest(y, ranked[i].pd, ranked[j].pd);
      pairs.push({ a: ranked[i].row.id, b: ranked[j].row.id, aucDiff: d.difference, z: d.z, pValue: d.pValue });
    }
  }
  return { models: ranked.map((r) => r.row), pairs };
}

export async function compareModels(ws: Workspace, args: CompareArgs, ctx: JobContext): Promise<CompareResult> {
  const ids = checkIds(args?.ids);
  // One transaction: every model reads the same snapshot, so they are judged on exactly the same rows.
  return ws.transaction(async (c) => {
    const stored: StoredModel[] = [];
    for (const id of ids) stored.push(await readModel(c, id));
    const first = stored[0];
    const t = await describeTable(c, args.table ?? first.summary.table);
    const choice = chooseRows(args, first, t.table);
    const target = await resolveTarget(c, t, first.summary.target, first.summary.bad);
    const warnings: string[] = [];
    if (choice.split) {
      const now = await fingerprint(c, t.table, target, first.detail.featureSpecs as FeatureSpec[]);
      if (now.rows !== first.summary.dataRows || now.hash !== first.summary.dataHash) {
        warnings.push(`Table ${t.table} changed since ${first.summary.name} v${first.summary.version} was trained, so its seeded test set is not the same rows any more.`);
      }
    }
    const rows = await pdsOnSameRows(c, t, target, stored, choice, ctx);
    const { y } = rows;
    if (y.length === 0) throw badInput(`No rows to compare on: ${choice.description} selects nothing.`, { table: t.table });
    warnings.push(...(await overlapWarnings(c, t, target, stored, rows)));
    let bads = 0;
    for (let i = 0; i < y.length; i++) bads += y[i];
    return { table: t.table, rowsUsed: choice.description, rows: y.length, bads, ...sideBySide(y, stored, rows.pds), warnings };
  }, ctx);
}

/**
 * Which rows a saved model was fitted on, rebuilt from its registry record (table, target, validation,
 * seed, fingerprint). A comparison that judges a model on rows it learned from flatters it; this is how
 * `models.compare` notices and says so.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FeatureSpec, Labels } from '../../models/dataset';
import { stratifiedSplit } from '../../models/validation';
import { readDataset, type TableColumns } from './frame';
import type { StoredModel } from './registry';
import type { TargetMapping } from './target';
import { fingerprint, knownOutcome } from './training-data';

/**
 * 1 for each row of `t` with a known outcome (table order, as readLabelled reads them) that `m` was
 * trained on; null when that cannot be known: another table or target, or the table changed since.
 */
export async function trainingRowMask(c: DuckDBConnection, t: TableColumns, target: TargetMapping, m: StoredModel, y: Labels): Promise<Uint8Array | null> {
  const s = m.summary;
  if (s.table.toLowerCase() !== t.table.toLowerCase() || s.target !== target.column || s.bad.join('\u0000') !== target.bad.join('\u0000')) return null;
  const now = await fingerprint(c, t.table, target, m.detail.featureSpecs as FeatureSpec[]);
  if (now.rows !== s.dataRows || now.hash !== s.dataHash) return null;
  const v = s.validation;
  if (v.kind === 'none') return new Uint8Array(y.length).fill(1);
  if (v.kind === 'random') {
    const mask = new Uint8Array(y.length);
    for (const i of stratifiedSplit(y, { testFraction: v.testFraction, seed: s.seed }).train) mask[i] = 1;
    return mask;
  }
  // A NULL holdout condition put the row in training (readLabelled's rule), hence "IS NOT TRUE".
  const { extra } = await readDataset(c, t.table, [], {
    where: knownOutcome(target),
    extra: [{ name: 'train', sql: `CASE WHEN (${v.testWhere}) IS NOT TRUE THEN 1 ELSE 0 END` }],
  });
  return Uint8Array.from(extra.train);
}

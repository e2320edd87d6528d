/**
 * Vigil's random forest for overdue prediction: fit on typed arrays in parallel worker threads, predict
 * bad probabilities, explain single loans, round-trip through compact JSON (mljs-style `toJSON`/`load`).
 */
import { availableParallelism } from 'node:os';
import { checkDataset, rng, type Dataset, type FeatureSpec, type Labels } from '../dataset';
import { modelInputError } from '../encoding/errors';
import { auc } from '../metrics';
import { binTraining } from './binning';
import { pathContributions, reasonCodes, type PathContributions, type ReasonCode } from './explain';
import { explainRows } from './explain-rows';
import { flatten, numericCuts, predictForest, predictTree, type FlatForest } from './flat-forest';
import type { GrownTree } from './grown-tree';
import { growParams, resolveSettings, type ForestOptions, type ForestSettings } from './options';
import { openPageScorer, type ForestScorer, type PageScorerOptions } from './page-scorer';
import { permutationImportance, type PermutationImportance, type PermutationOptions } from './permutation';
import { checkForestJSON, decodeNodes, encodeNodes, FOREST_MODEL_NAME, FOREST_MODEL_VERSION, type ForestJSON } from './serialize';
import { drawBootstrap, treeSeed } from './seeding';
import { growTrees, type FitControl } from './tree-pool';

export interface OutOfBag {
  /** AUC of the out-of-bag predictions over the rows that have one (null if none do, or one class only). */
  auc: number | null;
  /** Rows out of bag for at least one tree; rows in every bootstrap sample are left out. */
  rows: number;
}

export class RandomForest {
  private constructor(
    readonly features: FeatureSpec[],
    readonly settings: ForestSettings,
    readonly trainingRows: number,
    private readonly nodes: FlatForest,
    /** Normalised mean decrease in Gini impurity per feature (sums to 1 unless no tree split). */
    readonly impurityImportance: Float64Array,
    /** Out-of-bag AUC (null without bootstrap). */
    readonly oob: OutOfBag | null,
    /**
     * Per training row: mean prediction of the trees that did not see it, NaN if every tree saw it.
     * Only on a freshly fitted model (a loaded one does not carry its training rows).
     */
    readonly oobProba: Float64Array | null,
  ) {}

  static async fit(data: Dataset, y: Labels, opts: ForestOptions = {}, control: FitControl = {}): Promise<RandomForest> {
    checkDataset(data, y);
    let bads = 0;
    for (let i = 0; i < y.length; i++) bads += y[i];
    if (bads === 0 || bads === data.rows) {
      throw modelInputError(`A forest needs both good and bad accounts to learn from, but all ${data.rows} training rows are ${bads === 0 ? 'good' : 'bad'}.`, {
        rows: data.rows,
        bads,
      });
    }
    const settings = resolveSettings(opts);
    const workers = opts.workers ?? availableParallelism();
    if (!Number.isInteger(workers) || workers < 0) {
      throw modelInputError(`Forest option workers must be a whole number >= 0; got ${workers}.`, { option: 'workers', value: workers });
    }
    const binned = binTraining(data, settings.maxBins, workers > 0);
    const params = growParams(settings, data.features.length, y);
    const trees = await growTrees(binned, y, params, settings.nTrees, workers, control);
    const features = data.features.map((f) => ({ ...f, ...(f.levels ? { levels: [...f.levels] } : {}) }));
    const oob = settings.bootstrap ? outOfBag(trees, y) : null;
    return new RandomForest(
      features,
      settings,
      data.rows,
      flatten(trees),
      impurityImportance(trees, data.features.length),
      oob === null ? null : { auc: oob.auc, rows: oob.rows },
      oob === null ? null : oob.proba,
    );
  }

  static load(json: unknown): RandomForest {
    const j = checkForestJSON(json);
    const nodes = decodeNodes(j.nodes, j.features.length);
    return new RandomForest(j.features, j.settings, j.trainingRows, nodes, Float64Array.from(j.impurityImportance), j.oob, null);
  }

  get treeCount(): number {
    return this.nodes.roots.length;
  }

  get nodeCount(): number {
    return this.nodes.feature.length;
  }

  /** Probability of bad for every row of `data` (mean of the trees' leaf bad rates). */
  predictProba(data: Dataset): Float64Array {
    this.checkFeatures(data);
    return predictForest(this.nodes, data.columns, data.rows);
  }

  /** One tree's probabilities (tree order is fit order). */
  predictTreeProba(tree: number, data: Dataset): Float64Array {
    this.checkFeatures(data);
    if (!Number.isInteger(tree) || tree < 0 || tree >= this.treeCount) {
      throw modelInputError(`Tree ${tree} does not exist; the forest has ${this.treeCount} trees.`, { tree });
    }
    return predictTree(this.nodes, tree, data.columns, data.rows);
  }

  /**
   * How many times each training row was drawn into tree `tree`'s bootstrap sample (0 = out of bag).
   * Reproduced from (seed, tree) exactly as the tree grower drew it.
   */
  inBagCounts(tree: number): Int32Array {
    const n = this.trainingRows;
    const counts = new Int32Array(n);
    if (!this.settings.bootstrap) return counts.fill(1);
    drawBootstrap(counts, rng(treeSeed(this.settings.seed, tree)));
    return counts;
  }

  /** Saabas path contributions of one row (per feature, in probability points). */
  contributions(data: Dataset, row: number): PathContributions {
    this.checkFeatures(data);
    if (!Number.isInteger(row) || row < 0 || row >= data.rows) throw modelInputError(`Row ${row} is outside the data (0..${data.rows - 1}).`, { row });
    return pathContributions(this.nodes, data.columns, row);
  }

  /**
   * Path contributions of many loans at once (per feature, one value per row of `rows`), bit for bit
   * what `contributions` gives each row, several times faster over many rows.
   */
  explainRows(data: Dataset, rows: ArrayLike<number>): Float64Array[] {
    this.checkFeatures(data);
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      if (!Number.isInteger(r) || r < 0 || r >= data.rows) throw modelInputError(`Row ${r} is outside the data (0..${data.rows - 1}).`, { row: r });
    }
    return explainRows(this.nodes, numericCuts(this.nodes), data.columns, rows);
  }

  /**
   * Score a table page by page (PD, and reason codes for rows at or above a PD cutoff), in worker
   * threads or the calling thread: see page-scorer.ts. Every page is checked against the forest's features.
   */
  openScorer(opts: PageScorerOptions): ForestScorer {
    if (!Number.isInteger(opts.workers) || opts.workers < 0) {
      throw modelInputError(`Scoring workers must be a whole number >= 0; got ${opts.workers}.`, { option: 'workers', value: opts.workers });
    }
    if (!Number.isInteger(opts.top) || opts.top < 1) throw modelInputError(`The number of reason codes must be a positive whole number, not ${opts.top}.`, { top: opts.top });
    const scorer = openPageScorer(this.nodes, opts);
    return {
      workers: scorer.workers,
      score: (page) => {
        this.checkFeatures(page);
        return scorer.score(page.columns, page.rows);
      },
      close: () => scorer.close(),
      abort: (reason) => scorer.abort(reason),
    };
  }

  /** Reason codes for one loan: the `top` features pushing its risk up the most. */
  reasonCodes(data: Dataset, row: number, top = 3): ReasonCode[] {
    return reasonCodes(this.contributions(data, row), this.features, top);
  }

  /** AUC drop on `data` when each feature is shuffled, by seed. */
  permutationImportance(data: Dataset, y: Labels, opts: PermutationOptions = {}, control: FitControl = {}): Promise<PermutationImportance> {
    checkDataset(data, y);
    this.checkFeatures(data);
    return permutationImportance((d) => predictForest(this.nodes, d.columns, d.rows), data, y, opts, control);
  }

  toJSON(): ForestJSON {
    return {
      name: FOREST_MODEL_NAME,
      version: FOREST_MODEL_VERSION,
      features: this.features,
      settings: this.settings,
      trainingRows: this.trainingRows,
      impurityImportance: Array.from(this.impurityImportance),
      oob: this.oob === null ? null : { auc: this.oob.auc, rows: this.oob.rows },
      nodes: encodeNodes(this.nodes),
    };
  }

  private checkFeatures(data: Dataset): void {
    checkDataset(data);
    const want = this.features;
    if (data.features.length !== want.length) {
      throw modelInputError(`The forest was trained on ${want.length} features but the data has ${data.features.length}.`, {
        expected: want.map((f) => f.name),
        got: data.features.map((f) => f.name),
      });
    }
    for (let f = 0; f < want.length; f++) {
      const got = data.features[f];
      if (got.name !== want[f].name || got.kind !== want[f].kind) {
        throw modelInputError(`Feature ${f + 1} is "${got.name}" (${got.kind}); the forest expects "${want[f].name}" (${want[f].kind}).`, {
          feature: got.name,
          expected: want[f].name,
        });
      }
    }
  }
}

/** sklearn's rule: each tree's decreases normalised to 1, averaged over trees, normalised again. */
function impurityImportance(trees: GrownTree[], p: number): Float64Array {
  const total = new Float64Array(p);
  for (const t of trees) {
    let s = 0;
    for (let f = 0; f < p; f++) s += t.impurityDecrease[f];
    if (s > 0) for (let f = 0; f < p; f++) total[f] += t.impurityDecrease[f] / s;
  }
  let s = 0;
  for (let f = 0; f < p; f++) s += total[f];
  if (s > 0) for (let f = 0; f < p; f++) total[f] /= s;
  return total;
}

/** Out-of-bag predictions, accumulated in tree order (so the result never depends on thread timing). */
function outOfBag(trees: GrownTree[], y: Labels): OutOfBag & { proba: Float64Array } {
  const n = y.length;
  const sum = new Float64Array(n);
  const hits = new Int32Array(n);
  for (const t of trees) {
    for (let k = 0; k < t.oobRows.length; k++) {
      sum[t.oobRows[k]] += t.oobProba[k];
      hits[t.oobRows[k]]++;
    }
  }
  const proba = new Float64Array(n).fill(NaN);
  let rows = 0;
  for (let i = 0; i < n; i++) if (hits[i] > 0) rows++;
  const yCovered = new Uint8Array(rows);
  const pCovered = new Float64Array(rows);
  let bads = 0;
  for (let i = 0, k = 0; i < n; i++) {
    if (hits[i] === 0) continue;
    proba[i] = sum[i] / hits[i];
    yCovered[k] = y[i];
    pCovered[k] = proba[i];
    bads += y[i];
    k++;
  }
  const defined = bads > 0 && bads < rows;
  return { auc: defined ? auc(yCovered, pCovered) : null, rows, proba };
}

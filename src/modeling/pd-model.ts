/**
 * One face for both model kinds, so training, comparing and scoring never branch on the kind:
 * PD per row, reason codes per row, and the model JSON the registry stores.
 */
import type { ModelKind } from '../api/models';
import { badInput } from '../api/errors';
import type { Dataset, FeatureSpec } from '../../models/dataset';
import { RandomForest } from '../../models/forest';
import { LogisticRegression, type LogisticModelJSON } from '../../models/logistic';
import { reasonCodes } from '../../models/scorecard';

export interface ReasonTable {
  top: number;
  /** rows × top feature indexes, most adverse first; −1 = no (further) feature pushes the risk up, or not computed. */
  codes: Int32Array;
  /** Rows that had their reasons computed. */
  explained: number;
}

/** One page's scores: PD per row and its reason codes. */
export interface ScoredPage extends ReasonTable {
  pd: Float64Array;
}

export interface ScorerOptions {
  /** Rows the whole job will score (a small job uses fewer threads). */
  rows: number;
  /** Reason codes for rows with PD ≥ cutoff (≤ 0: every row). */
  cutoff: number;
  /** Reason codes per row. */
  top: number;
  /** At most this many worker threads (forest only; 0 = the calling thread). Never changes a score. */
  workers: number;
  /** Cancelling the job stops the scoring threads at once. */
  signal: AbortSignal;
}

/**
 * A scoring job, page by page. `score` takes the page's arrays before it returns (the caller may reuse
 * them at once) and may still be working when it does, so the caller can read the next page meanwhile;
 * at most two pages are in flight (submit page k+1, then await page k).
 */
export interface PageScorer {
  /** Worker threads scoring (0 = the calling thread). */
  readonly workers: number;
  score(page: Dataset): Promise<ScoredPage>;
  /** After the last page came back. */
  close(): void;
  /** On failure or cancel: stop at once, dropping the pages in flight. */
  abort(): void;
}

/** A scorer that does each page in the calling thread before `score` returns. */
function inThreadScorer(scorePage: (page: Dataset) => ScoredPage): PageScorer {
  return {
    workers: 0,
    score: (page) => Promise.resolve(scorePage(page)),
    close: () => undefined,
    abort: () => undefined,
  };
}

export interface PdModel {
  readonly kind: ModelKind;
  /** Feature names that reason codes index. */
  readonly reasonNames: string[];
  /** Features whose missing values the model refuses (logistic without imputation); the forest takes them all. */
  readonly requiresComplete: string[];
  predict(data: Dataset): Float64Array;
  /** Reason codes for rows with `pd >= cutoff` (all rows when cutoff ≤ 0). */
  reasons(data: Dataset, pd: Float64Array, cutoff: number, top: number): ReasonTable;
  /**
   * The PDs that stand for the development population in every PSI (train vs test, and any scored
   * population later), given the in-sample training PDs of a freshly fitted model.
   */
  developmentPd(trainPd: Float64Array): Float64Array;
  /** Score a table page by page (same PDs and reasons as predict + reasons, page for page). */
  openScorer(opts: ScorerOptions): PageScorer;
  toJSON(): unknown;
}

export class LogisticPdModel implements PdModel {
  readonly kind = 'logistic';
  readonly reasonNames: string[];
  readonly requiresComplete: string[];
  constructor(readonly model: LogisticRegression) {
    const encoding = model.toJSON().encoding.features;
    this.reasonNames = encoding.map((f) => f.name);
    this.requiresComplete = encoding.filter((f) => (f.kind === 'numeric' ? f.imputeValue === null : f.imputeLevel === null)).map((f) => f.name);
  }

  predict(data: Dataset): Float64Array {
    return this.model.predictProba(data);
  }

  /** Contributions coef·(x − mean) are one multiply-add per row and term: every row gets its reasons, whatever the cutoff. */
  reasons(data: Dataset, _pd: Float64Array, _cutoff: number, top: number): ReasonTable {
    const table = reasonCodes(this.model.featureContributions(data), top);
    return { top, codes: table.codes, explained: data.rows };
  }

  /** Already fast (one multiply-add per row and term): scored in the calling thread. */
  openScorer(opts: ScorerOptions): PageScorer {
    return inThreadScorer((page) => {
      const pd = this.predict(page);
      return { pd, ...this.reasons(page, pd, opts.cutoff, opts.top) };
    });
  }

  /** A logistic model's in-sample PDs are honest: they are the development distribution. */
  developmentPd(trainPd: Float64Array): Float64Array {
    return trainPd;
  }

  toJSON(): LogisticModelJSON {
    return this.model.toJSON();
  }
}

export class ForestPdModel implements PdModel {
  readonly kind = 'forest';
  readonly reasonNames: string[];
  readonly requiresComplete: string[] = [];
  constructor(readonly model: RandomForest) {
    this.reasonNames = model.features.map((f) => f.name);
  }

  predict(data: Dataset): Float64Array {
    return this.model.predictProba(data);
  }

  /**
   * Saabas path contributions walk every tree once more per explained row, about as costly as the
   * prediction itself even when computed in blocks (models/forest/explain-rows.ts), so only rows at or above
   * `cutoff` are explained: the risky loans a collector or a decline letter needs reasons for.
   */
  reasons(data: Dataset, pd: Float64Array, cutoff: number, top: number): ReasonTable {
    const picked: number[] = [];
    for (let i = 0; i < data.rows; i++) if (pd[i] >= cutoff) picked.push(i);
    const ranked = reasonCodes({ features: this.reasonNames, columns: this.model.explainRows(data, picked) }, top);
    const codes = new Int32Array(data.rows * top).fill(-1);
    picked.forEach((row, k) => codes.set(ranked.codes.subarray(k * top, (k + 1) * top), row * top));
    return { top, codes, explained: picked.length };
  }

  /**
   * The slow part of scoring with a forest (tree walks for the PD and the reasons), split by row ranges
   * across warm worker threads; the same PDs and reason codes as predict + reasons, bit for bit.
   */
  openScorer(opts: ScorerOptions): PageScorer {
    const { rows, cutoff, top, workers, signal } = opts;
    const scorer = this.model.openScorer({ rows, cutoff, top, workers, signal });
    return {
      workers: scorer.workers,
      score: (page) => {
        const scored = scorer.score(page).then((r) => ({ top, ...r }));
        // Rejected while the caller reads the next page (cancel, crash), it is dropped, not unhandled.
        scored.catch(() => undefined);
        return scored;
      },
      close: () => scorer.close(),
      abort: () => scorer.abort(),
    };
  }

  /**
   * A fully grown forest nearly memorises its training rows, so their in-sample PDs are far more extreme
   * than any new population's and every PSI against them would cry "shift". The out-of-bag PDs (each row
   * predicted only by trees that never saw it) are the honest development distribution.
   */
  developmentPd(trainPd: Float64Array): Float64Array {
    // Only a freshly fitted forest carries per-row out-of-bag PDs (a loaded one keeps just their AUC).
    const proba = this.model.oobProba;
    if (proba === null) return trainPd;
    const known = proba.filter((p) => !Number.isNaN(p));
    return known.length > 0 ? known : trainPd;
  }

  toJSON(): unknown {
    return this.model.toJSON();
  }
}

/** A stored model JSON back to a PdModel; a damaged or foreign JSON is a bad_input naming what is wrong. */
export function loadPdModel(kind: ModelKind, json: unknown): PdModel {
  try {
    if (kind === 'logistic') return new LogisticPdModel(LogisticRegression.load(json as LogisticModelJSON));
    if (kind === 'forest') return new ForestPdModel(RandomForest.load(json));
  } catch (e) {
    throw badInput(`The saved ${kind} model cannot be read: ${(e as Error).message}`, { kind });
  }
  throw badInput(`Unknown model kind "${String(kind)}".`, { kind });
}

/** The features (with categorical levels) a model reads, from its own JSON. */
export function modelFeatures(model: PdModel): FeatureSpec[] {
  if (model instanceof ForestPdModel) return model.model.features.map((f) => ({ ...f }));
  if (model instanceof LogisticPdModel) {
    return model.model.toJSON().encoding.features.map((f) =>
      f.kind === 'numeric' ? { name: f.name, kind: 'numeric' } : { name: f.name, kind: 'categorical', levels: [...f.levels] },
    );
  }
  throw new Error('unknown model class');
}

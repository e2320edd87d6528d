/**
 * Messages between the forest and its workers (structured-clone friendly: plain objects, typed arrays).
 * One worker script both grows trees (a fit) and scores pages (a scoring job); a worker is leased to one
 * fit or one scoring job at a time, and `release` ends either.
 */
import type { BinnedTraining } from './binning';
import type { FlatForest } from './flat-forest';
import type { GrownTree } from './grown-tree';
import type { GrowParams } from './options';
import type { ScoredRows, ScoringRules } from './score-rows';

export type GrowRequest =
  /** Start of a fit: bins and labels live on SharedArrayBuffers, so every worker reads the same memory. */
  | { type: 'init'; fit: number; data: BinnedTraining; y: Uint8Array; params: GrowParams }
  | { type: 'grow'; fit: number; tree: number };

export type ScoreRequest =
  /** Start of a scoring job: the forest's node arrays on SharedArrayBuffers, sent once per job. */
  | { type: 'load-forest'; job: number; forest: FlatForest; rules: ScoringRules }
  /**
   * Score rows from ≤ i < to of one page. The columns are views of the job's SharedArrayBuffer page
   * slot, written once by the scoring thread and read in place by every worker.
   */
  | { type: 'score'; job: number; page: number; columns: Float64Array[]; from: number; to: number };

export type WorkerRequest =
  | GrowRequest
  | ScoreRequest
  /** End of a fit or scoring job: drop the data and buffers so an idle worker holds no memory. */
  | { type: 'release' };

export type GrowReply =
  | { type: 'tree'; fit: number; index: number; tree: GrownTree }
  | { type: 'error'; fit: number; index: number; message: string; stack: string };

export type ScoreReply =
  /** The range's results, their buffers transferred (not copied). */
  | ({ type: 'scored'; job: number; page: number; from: number } & ScoredRows)
  | { type: 'score-error'; job: number; page: number; message: string; stack: string };

export type WorkerReply = GrowReply | ScoreReply;

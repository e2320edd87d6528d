/** Messages between the forest and its tree workers (structured-clone friendly: plain objects, typed arrays). */
import type { BinnedTraining } from './binning';
import type { GrownTree } from './grown-tree';
import type { GrowParams } from './options';

export type WorkerRequest =
  /** Start of a fit: bins and labels live on SharedArrayBuffers, so every worker reads the same memory. */
  | { type: 'init'; fit: number; data: BinnedTraining; y: Uint8Array; params: GrowParams }
  | { type: 'grow'; fit: number; tree: number }
  /** End of a fit: drop the data and buffers so an idle worker holds no memory. */
  | { type: 'release' };

export type WorkerReply =
  | { type: 'tree'; fit: number; index: number; tree: GrownTree }
  | { type: 'error'; fit: number; index: number; message: string; stack: string };

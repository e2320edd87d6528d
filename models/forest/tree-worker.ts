/**
 * Worker-thread entry of the forest: grows trees for a fit, and scores row ranges for a scoring job.
 * A worker serves many jobs over its life (the pool keeps it warm), one at a time.
 *  - Fit: an `init` carries the shared binned data, then one `grow` per tree; each tree goes back with
 *    its buffers transferred. Which worker grows which tree never matters: a tree depends only on
 *    (seed, tree index).
 *  - Scoring: a `load-forest` carries the shared node arrays once per job, then one `score` per row range
 *    of a page; PDs and reason codes go back transferred. Which worker scores which range never matters:
 *    every result is per row.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { numericCuts, type FlatForest } from './flat-forest';
import { treeBuffers } from './grown-tree';
import { scoreRows, type ScoringRules } from './score-rows';
import { TreeGrower } from './tree-grower';
import type { GrowReply, GrowRequest, ScoreReply, ScoreRequest, WorkerRequest } from './worker-protocol';

function workerPort(): MessagePort {
  if (parentPort === null) throw new Error('tree-worker must run in a worker thread.');
  return parentPort;
}

const port = workerPort();

let grower: TreeGrower | null = null;
let fit = -1;
let scoring: { job: number; forest: FlatForest; cut: Float64Array; rules: ScoringRules } | null = null;

const errorText = (e: unknown): { message: string; stack: string } => {
  const err = e instanceof Error ? e : new Error(String(e));
  return { message: err.message, stack: err.stack ?? '' };
};

function grow(msg: GrowRequest): void {
  if (msg.type === 'init') {
    grower = new TreeGrower(msg.data, msg.y, msg.params);
    fit = msg.fit;
    return;
  }
  try {
    if (grower === null || msg.fit !== fit) throw new Error(`tree ${msg.tree} requested for fit ${msg.fit} before its data arrived`);
    const tree = grower.grow(msg.tree);
    const reply: GrowReply = { type: 'tree', fit: msg.fit, index: msg.tree, tree };
    port.postMessage(reply, treeBuffers(tree));
  } catch (e) {
    const reply: GrowReply = { type: 'error', fit: msg.fit, index: msg.tree, ...errorText(e) };
    port.postMessage(reply);
  }
}

function score(msg: ScoreRequest): void {
  if (msg.type === 'load-forest') {
    // The cut array is this worker's own: computed once per job, not once per page.
    scoring = { job: msg.job, forest: msg.forest, cut: numericCuts(msg.forest), rules: msg.rules };
    return;
  }
  try {
    if (scoring === null || msg.job !== scoring.job) throw new Error(`page ${msg.page} sent for scoring job ${msg.job} before its forest arrived`);
    const out = scoreRows(scoring.forest, scoring.cut, msg.columns, msg.from, msg.to, scoring.rules);
    const reply: ScoreReply = { type: 'scored', job: msg.job, page: msg.page, from: msg.from, ...out };
    port.postMessage(reply, [out.pd.buffer as ArrayBuffer, out.codes.buffer as ArrayBuffer]);
  } catch (e) {
    const reply: ScoreReply = { type: 'score-error', job: msg.job, page: msg.page, ...errorText(e) };
    port.postMessage(reply);
  }
}

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'release') {
    grower = null;
    scoring = null;
  } else if (msg.type === 'init' || msg.type === 'grow') {
    grow(msg);
  } else {
    score(msg);
  }
});

/**
 * Worker-thread entry: grows the trees it is asked for, one message per tree, and hands each back with
 * its buffers transferred. A worker serves many fits over its life (the pool keeps it warm); each fit
 * starts with an `init` carrying the shared binned data. Which worker grows which tree never matters:
 * a tree depends only on (seed, tree index).
 */
import { parentPort } from 'node:worker_threads';
import { treeBuffers } from './grown-tree';
import { TreeGrower } from './tree-grower';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

const port = parentPort;
if (port === null) throw new Error('tree-worker must run in a worker thread.');

let grower: TreeGrower | null = null;
let fit = -1;

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'release') {
    grower = null;
    return;
  }
  if (msg.type === 'init') {
    grower = new TreeGrower(msg.data, msg.y, msg.params);
    fit = msg.fit;
    return;
  }
  try {
    if (grower === null || msg.fit !== fit) throw new Error(`tree ${msg.tree} requested for fit ${msg.fit} before its data arrived`);
    const tree = grower.grow(msg.tree);
    const reply: WorkerReply = { type: 'tree', fit: msg.fit, index: msg.tree, tree };
    port.postMessage(reply, treeBuffers(tree));
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    const reply: WorkerReply = { type: 'error', fit: msg.fit, index: msg.tree, message: err.message, stack: err.stack ?? '' };
    port.postMessage(reply);
  }
});

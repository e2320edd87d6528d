/** The Electron transport: every call goes through the preload's `window.vigil`. */
import type { ArgsOf, OpName, ResultOf } from '../../src/api/index';
import { fromErrorShape, VigilError } from '../../src/api/errors';
import type { VigilBridge } from './bridge';
import type { VigilClient } from './types';

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

export function electronClient(bridge: VigilBridge): VigilClient {
  return {
    host: 'electron',
    async call<K extends OpName>(op: K, args: ArgsOf<K>, opts?: { jobId?: string }): Promise<ResultOf<K>> {
      let reply;
      try {
        reply = await bridge.call(op, args, opts?.jobId);
      } catch (e) {
        // The bridge itself failed (engine process gone): not an answer from the engine.
        throw new VigilError('internal', `The Vigil engine did not answer: ${(e as Error).message}`, { op, transport: 'engine_gone' });
      }
      if (!reply.ok) throw fromErrorShape(reply.error);
      return reply.result as ResultOf<K>;
    },
    cancel: (jobId) => bridge.cancel(jobId),
    onProgress: (listener) => bridge.onProgress(listener),
    async pickImportFile() {
      const path = await bridge.pickFile('import');
      return path === null ? null : { path, name: baseName(path), sizeBytes: null };
    },
    saveExportPath: (suggestedName) => bridge.savePath(suggestedName),
    deliverExport() {
      // The save dialog already put the file where the user wanted it.
    },
  };
}

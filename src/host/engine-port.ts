/**
 * The engine side of the Electron relay: answer calls arriving on a message port, forward progress.
 * Kept apart from `engine-process.ts` (which only wires Electron's `process.parentPort`) so it runs
 * in tests against a fake port and a real workspace.
 */
import { toErrorShape } from '../api/errors';
import type { Engine } from './engine';
import { isToEngine, type FromEngine, type ParentPortLike } from './engine-protocol';

export function serveEngineOverPort(port: ParentPortLike, open: () => Promise<Engine>, exit: (code: number) => void): void {
  const post = (m: FromEngine) => port.postMessage(m);
  const engine = open();
  engine.then(
    (e) => {
      e.onProgress((progress) => post({ type: 'progress', progress }));
      post({ type: 'ready', workspacePath: e.workspace.path });
    },
    (err: unknown) => {
      // Typically the file is locked by another Vigil (the CLI or a second window). Tell main why and
      // stay up: exiting here could drop the message unsent, and main decides when to retry.
      post({ type: 'fatal', error: toErrorShape(err) });
    },
  );

  // Registered synchronously: Electron queues messages that arrive before the first listener,
  // so calls sent while the workspace opens are answered once it is open.
  port.on('message', ({ data }) => {
    if (!isToEngine(data)) return; // main only sends well-formed messages; anything else is not ours to answer
    switch (data.type) {
      case 'call': {
        const { id } = data;
        engine
          .then((e) => e.callUnknown(data.op, data.args, data.jobId))
          .then(
            (result) => post({ type: 'reply', id, ok: true, result }),
            (err: unknown) => post({ type: 'reply', id, ok: false, error: toErrorShape(err) }),
          );
        break;
      }
      case 'cancel':
        engine.then((e) => e.cancel(data.jobId)).catch(() => undefined);
        break;
      case 'close':
        engine
          .then((e) => e.close())
          .catch(() => undefined)
          .finally(() => exit(0));
        break;
    }
  });
}

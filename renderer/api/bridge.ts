/**
 * The narrow surface the Electron preload exposes as `window.vigil` (see the host protocol).
 * Declared here, on the renderer side, because the renderer is the only consumer; the preload
 * must match it exactly.
 */
import type { ErrorShape } from '../../src/api/errors';
import type { JobProgress } from '../../src/api/jobs';

export type BridgeReply = { ok: true; result: unknown } | { ok: false; error: ErrorShape };

export interface VigilBridge {
  call(op: string, args: unknown, jobId?: string): Promise<BridgeReply>;
  cancel(jobId: string): Promise<void>;
  onProgress(cb: (p: JobProgress) => void): () => void;
  pickFile(kind: 'import'): Promise<string | null>;
  savePath(suggestedName: string): Promise<string | null>;
  host: 'electron';
}

declare global {
  interface Window {
    vigil?: VigilBridge;
  }
}

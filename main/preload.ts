/**
 * The preload: the only bridge between the sandboxed page and main. It exposes `window.vigil`
 * with exactly the host protocol's functions and never `ipcRenderer` itself, so the page can ask
 * for operations but cannot send arbitrary IPC or reach Node.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ErrorShape } from '../src/api/errors';
import type { JobProgress } from '../src/api/jobs';
import { CHANNELS } from './channels';

export type CallReply = { ok: true; result: unknown } | { ok: false; error: ErrorShape };

/** Must match `VigilBridge` in renderer/api/bridge.ts (the renderer's side of this contract). */
export interface PreloadApi {
  call(op: string, args: unknown, jobId?: string): Promise<CallReply>;
  cancel(jobId: string): Promise<void>;
  onProgress(cb: (p: JobProgress) => void): () => void;
  pickFile(kind: 'import'): Promise<string | null>;
  savePath(suggestedName: string): Promise<string | null>;
  host: 'electron';
}

const api: PreloadApi = {
  call: (op, args, jobId) => ipcRenderer.invoke(CHANNELS.call, op, args, jobId) as Promise<CallReply>,
  cancel: async (jobId) => {
    await ipcRenderer.invoke(CHANNELS.cancel, jobId);
  },
  onProgress(cb) {
    // The page gets the progress object only: the IPC event (and its `sender`) never leaves the preload.
    const listener = (_event: IpcRendererEvent, p: JobProgress) => cb(p);
    ipcRenderer.on(CHANNELS.progress, listener);
    return () => {
      ipcRenderer.removeListener(CHANNELS.progress, listener);
    };
  },
  pickFile: (kind) => ipcRenderer.invoke(CHANNELS.pickFile, kind) as Promise<string | null>,
  savePath: (suggestedName) => ipcRenderer.invoke(CHANNELS.savePath, suggestedName) as Promise<string | null>,
  host: 'electron',
};

contextBridge.exposeInMainWorld('vigil', api);

/**
 * The IPC handlers behind the preload's functions. Every message is checked before anything
 * runs: it must come from our window's top frame showing our app, and carry arguments of the
 * right types. The engine validates the operation's own arguments.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { CallReply } from '../src/host/engine-protocol';
import { CHANNELS } from './channels';
import { isTrustedSender, type WindowLike } from './security';

export interface IpcDeps<W extends WindowLike> {
  appUrl: string;
  /** The app's window, or null while there is none. */
  window(): W | null;
  engine: { call(op: string, args: unknown, jobId?: string): Promise<CallReply>; cancel(jobId: string): void };
  pickImportFile(win: W): Promise<string | null>;
  saveExportPath(win: W, suggestedName: string): Promise<string | null>;
}

export class UntrustedSenderError extends Error {
  constructor(channel: string) {
    super(`Refused ${channel}: the message did not come from the Vigil window.`);
    this.name = 'UntrustedSenderError';
  }
}

const badArgs = (message: string): CallReply => ({ ok: false, error: { kind: 'bad_input', message } });

export function registerIpc<W extends WindowLike>(ipcMain: Pick<IpcMain, 'handle'>, deps: IpcDeps<W>): void {
  /** The window the message came from, if and only if it is ours and trusted. */
  const trusted = (event: IpcMainInvokeEvent, channel: string): W => {
    const win = deps.window();
    if (!win || !isTrustedSender(event, win, deps.appUrl)) throw new UntrustedSenderError(channel);
    return win;
  };

  ipcMain.handle(CHANNELS.call, async (event, op: unknown, args: unknown, jobId: unknown): Promise<CallReply> => {
    trusted(event, CHANNELS.call);
    if (typeof op !== 'string') return badArgs('The operation name must be a string.');
    if (jobId !== undefined && jobId !== null && typeof jobId !== 'string') return badArgs('jobId must be a string.');
    return deps.engine.call(op, args, typeof jobId === 'string' ? jobId : undefined);
  });

  ipcMain.handle(CHANNELS.cancel, (event, jobId: unknown): void => {
    trusted(event, CHANNELS.cancel);
    if (typeof jobId === 'string') deps.engine.cancel(jobId);
  });

  ipcMain.handle(CHANNELS.pickFile, (event, kind: unknown): Promise<string | null> => {
    const win = trusted(event, CHANNELS.pickFile);
    if (kind !== 'import') return Promise.resolve(null);
    return deps.pickImportFile(win);
  });

  ipcMain.handle(CHANNELS.savePath, (event, suggestedName: unknown): Promise<string | null> => {
    const win = trusted(event, CHANNELS.savePath);
    return deps.saveExportPath(win, typeof suggestedName === 'string' ? suggestedName : 'export');
  });
}

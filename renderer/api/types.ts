/** What the UI needs from a host beyond the typed operations: picking and saving files. */
import type { VigilApi } from '../../src/api/index';

export type HostKind = 'electron' | 'browser';

/** A file chosen for import, already reachable by the engine at `path`. */
export interface PickedFile {
  /** Path on the engine's machine (the original in Electron, an uploaded copy in the browser). */
  path: string;
  /** The file's own name, used to pre-fill the table name and recorded as the source. */
  name: string;
  sizeBytes: number | null;
}

/** Bytes sent so far while the browser uploads a picked file to the host. */
export type UploadListener = (loaded: number, total: number) => void;

export interface VigilClient extends VigilApi {
  readonly host: HostKind;
  /**
   * Ask the user for a file to import; null when they close the picker. `kind` picks the file filter:
   * loan data (default) or a model exported from Vigil.
   */
  pickImportFile(onUpload?: UploadListener, kind?: 'data' | 'model'): Promise<PickedFile | null>;
  /** A path the engine may write an export to; null when the user cancels the save dialog. */
  saveExportPath(suggestedName: string): Promise<string | null>;
  /** Hand a finished export to the user (the browser downloads it; in Electron it is already where they chose). */
  deliverExport(path: string): void;
}

/**
 * Failures of the transport itself (not answers from the engine). They carry `details.transport`
 * so the UI can say them in the user's language; the English message stays for logs.
 */
export const TRANSPORT_FAILURES = ['host_unreachable', 'bad_answer', 'upload_failed', 'engine_gone', 'missing_token'] as const;
export type TransportFailure = (typeof TRANSPORT_FAILURES)[number];

export function isTransportFailure(x: unknown): x is TransportFailure {
  return typeof x === 'string' && (TRANSPORT_FAILURES as readonly string[]).includes(x);
}

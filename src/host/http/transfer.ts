/**
 * Files between the browser and the engine. A browser cannot hand the engine a path on this
 * machine, so an upload is streamed into the host's own upload folder and imported from there;
 * an export is written into the host's export folder and downloaded from it. Only those two
 * folders are ever exposed, and both are deleted when the server closes.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { badInput, notFound } from '../../api/errors';
import { HttpProblem, NO_STORE_HEADERS } from './respond';
import { isInside } from '../paths';

/** A file name the OS accepts, keeping the extension (import guesses the format from it). */
export function safeFileName(name: string): string {
  const base = basename(name.replaceAll('\\', '/'))
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (base === '') return 'file';
  if (base.length <= 180) return base;
  const ext = extname(base).slice(0, 20);
  return base.slice(0, 180 - ext.length) + ext;
}

const DOWNLOAD_TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name (Chinese file names survive). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export class TransferFolders {
  private constructor(
    readonly root: string,
    readonly uploadDir: string,
    readonly exportDir: string,
  ) {}

  static async create(): Promise<TransferFolders> {
    // realpath: on macOS the temp folder is a symlink, and download checks compare real paths.
    const root = await realpath(await mkdtemp(join(tmpdir(), 'vigil-host-')));
    const uploadDir = join(root, 'uploads');
    const exportDir = join(root, 'exports');
    await mkdir(uploadDir);
    await mkdir(exportDir);
    return new TransferFolders(root, uploadDir, exportDir);
  }

  /** A fresh folder per file, so the original name is kept as is and two uploads never collide. */
  private async freshPath(dir: string, name: string): Promise<string> {
    const folder = join(dir, randomBytes(8).toString('hex'));
    await mkdir(folder);
    return join(folder, safeFileName(name));
  }

  /** Stream the request body to disk; never holds the whole file in memory. */
  async receiveUpload(req: IncomingMessage, name: string): Promise<string> {
    const path = await this.freshPath(this.uploadDir, name);
    try {
      await pipeline(req, createWriteStream(path, { flags: 'wx' }));
    } catch (e) {
      await rm(path, { force: true });
      throw badInput(`The upload of ${name} was interrupted.`, { name, reason: (e as Error).message });
    }
    return path;
  }

  freshExportPath(name: string): Promise<string> {
    return this.freshPath(this.exportDir, name);
  }

  /** Send a file from the export folder; any other path is refused, symlinks included. */
  async sendDownload(res: ServerResponse, requested: string | null): Promise<void> {
    if (!requested) throw new HttpProblem(400, badInput('Which file? The download address needs a path.'));
    const lexical = resolve(this.exportDir, requested);
    const refuse = () => new HttpProblem(403, badInput('Only files exported by Vigil can be downloaded.', { path: requested }));
    if (!isInside(this.exportDir, lexical) || lexical === this.exportDir) throw refuse();
    let real: string;
    try {
      real = await realpath(lexical);
    } catch {
      throw new HttpProblem(404, notFound('That export does not exist (it may not have been written yet).', { path: requested }));
    }
    if (!isInside(this.exportDir, real)) throw refuse();
    const info = await stat(real);
    if (!info.isFile()) throw refuse();
    const name = basename(real);
    res.writeHead(200, {
      ...NO_STORE_HEADERS,
      'content-type': DOWNLOAD_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
      'content-length': info.size,
      'content-disposition': contentDisposition(name),
    });
    await pipeline(createReadStream(real), res);
  }

  async dispose(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

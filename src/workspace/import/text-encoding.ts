/**
 * Text encodings of CSV extracts. DuckDB reads UTF-8 (with or without BOM) only; Chinese bank
 * systems still export GBK/GB18030, which is transcoded to a temporary UTF-8 file first,
 * streaming, so a 2 GB extract never sits in memory.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import type { JobContext } from '../../api/jobs';
import type { TextEncoding } from '../../api/workspace';
import { badInput, cancelled } from '../../api/errors';
import { readHead, recognise, startsWith, type SourceFile } from './source';

/** What `ImportResult.encoding` reports for a text file. */
export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

/** Enough bytes to judge the encoding and spot binary content, small enough to read instantly. */
const HEAD_BYTES = 1 << 20;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

export interface TextHead {
  hasBom: boolean;
  /** The head decodes as UTF-8 (a multi-byte character cut at the head's end does not count against it). */
  utf8: boolean;
}

/**
 * Refuses what is not a text table (empty, binary, UTF-16) with a message naming the file,
 * and says whether the start of the file is UTF-8.
 */
export async function inspectText(source: SourceFile): Promise<TextHead> {
  const head = await readHead(source.path, HEAD_BYTES);
  const details = { file: source.name };
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    throw badInput(`${source.name} is UTF-16 text, which Vigil does not read. Save it as "CSV UTF-8" and import that.`, {
      ...details,
      reason: 'utf-16',
    });
  }
  // A NUL byte never occurs in UTF-8 or GB18030 text: this is a binary file picked by mistake.
  if (head.includes(0)) {
    const what = recognise(head);
    throw badInput(`${source.name} is not a text file${what ? ` (it looks like ${what})` : ''}, so it cannot be read as CSV.`, {
      ...details,
      reason: 'binary',
    });
  }
  const hasBom = startsWith(head, UTF8_BOM);
  const body = hasBom ? head.subarray(UTF8_BOM.length) : head;
  if (head.length === source.size && body.toString('latin1').trim() === '') {
    throw badInput(`${source.name}: the file is empty.`, { ...details, reason: 'empty' });
  }
  return { hasBom, utf8: isUtf8Prefix(body) };
}

function isUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    // `stream: true` tolerates a character cut at the end of the sample; invalid bytes still throw.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The encoding to read with: what the user chose, or auto (BOM? valid UTF-8? else GB18030). */
export function chooseEncoding(asked: TextEncoding | undefined, head: TextHead): DetectedEncoding {
  switch (asked ?? 'auto') {
    case 'auto':
      if (head.hasBom) return 'utf-8-bom';
      return head.utf8 ? 'utf-8' : 'gb18030';
    case 'utf-8':
      return head.hasBom ? 'utf-8-bom' : 'utf-8';
    // GB18030 is a superset of GBK: every GBK file decodes identically as GB18030.
    case 'gbk':
    case 'gb18030':
      return 'gb18030';
    default:
      throw badInput(`Unknown encoding "${String(asked)}": use auto, utf-8, gbk or gb18030.`, { field: 'encoding' });
  }
}

export interface TranscodedFile {
  path: string;
  dispose(): Promise<void>;
}

/**
 * GB18030 -> UTF-8 into a temp folder, streaming, reporting bytes read. Cancelling aborts the
 * streams; the temp folder is removed on any failure (and by `dispose` after the import).
 */
export async function transcodeToUtf8(source: SourceFile, ctx: JobContext): Promise<TranscodedFile> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-import-'));
  const dispose = () => rm(dir, { recursive: true, force: true });
  const out = join(dir, 'utf8.csv');
  const message = `Converting ${source.name} from GB18030 to UTF-8`;
  let bytesRead = 0;
  const countBytes = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytesRead += chunk.length;
      ctx.progress(bytesRead, source.size, message);
      done(null, chunk);
    },
  });
  try {
    ctx.progress(0, source.size, message);
    await pipeline(
      createReadStream(source.path, { highWaterMark: 1 << 20 }),
      countBytes,
      iconv.decodeStream('gb18030'),
      createWriteStream(out),
      { signal: ctx.signal },
    );
  } catch (e) {
    await dispose();
    if (ctx.signal.aborted) throw cancelled();
    throw e;
  }
  return { path: out, dispose };
}

/** Parquet import: typed columns already, so DuckDB's `read_parquet` straight into staging. */
import type { JobContext } from '../../api/jobs';
import { badInput, cancelled } from '../../api/errors';
import { q, type Workspace } from '../workspace';
import { withQueryProgress } from './query-progress';
import { readHead, recognise, startsWith, type SourceFile } from './source';
import { stageAndSwap, type ImportedTable } from './staging';
import type { ImportTarget } from './target';

const PARQUET_MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1", at both ends of every Parquet file

export async function importParquet(ws: Workspace, source: SourceFile, target: ImportTarget, ctx: JobContext): Promise<ImportedTable> {
  const head = await readHead(source.path, 8);
  if (!startsWith(head, PARQUET_MAGIC)) {
    const what = recognise(head);
    throw badInput(`${source.name} is not a Parquet file${what ? ` (it looks like ${what})` : ''}.`, {
      file: source.name,
      reason: 'not_parquet',
    });
  }
  return stageAndSwap(ws, target, source, ctx, async (c, staging) => {
    try {
      await withQueryProgress(c, ctx, `Loading rows of ${source.name}`, () =>
        c.run(`CREATE TABLE ${q(staging)} AS SELECT * FROM read_parquet($1)`, [source.path]),
      );
    } catch (e) {
      if (ctx.signal.aborted) throw cancelled();
      const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      throw badInput(`${source.name} could not be read as Parquet: ${first}`, { file: source.name, reason: first });
    }
    return { rejects: null, rejected: 0 };
  });
}

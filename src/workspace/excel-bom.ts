/**
 * Excel opens a CSV as the system code page unless the file starts with a UTF-8 byte-order mark:
 * on Chinese Windows, UTF-8 Chinese text then shows as mojibake. DuckDB's COPY writes no BOM, so a
 * finished export is rewritten once with the three bytes in front (a sequential copy in the same
 * folder, then a rename over the original, so a failure leaves the BOM-less file intact).
 * DuckDB, pandas (`encoding='utf-8-sig'`) and Excel all read such a file correctly.
 */
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export async function prependUtf8Bom(path: string): Promise<void> {
  const staging = `${path}.vigil-bom`;
  try {
    const out = createWriteStream(staging);
    out.write(UTF8_BOM);
    await pipeline(createReadStream(path), out);
    renameSync(staging, path);
  } catch (e) {
    rmSync(staging, { force: true });
    throw e;
  }
}

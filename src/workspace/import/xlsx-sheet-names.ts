/**
 * Sheet names of an .xlsx, in tab order, without reading any sheet. An .xlsx is a ZIP archive
 * and the names live in one small member, `xl/workbook.xml`; exceljs's streaming reader only
 * reaches them after decompressing every sheet (and, for most files, copying the sheets to
 * temp files), which takes seconds on a large workbook while the import dialog waits.
 *
 * Reads the ZIP central directory at the end of the file, then that one member. ZIP64
 * archives (over 4 GB) are not read; no workbook an analyst imports is that large.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const WORKBOOK_PART = 'xl/workbook.xml';

/** The workbook's sheet names; throws an Error with a short reason when the archive is not a workbook. */
export async function readSheetNames(path: string): Promise<string[]> {
  const handle = await open(path, 'r');
  try {
    const xml = await readMember(handle, WORKBOOK_PART);
    return sheetNamesFromWorkbookXml(xml);
  } finally {
    await handle.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

async function readMember(handle: FileHandle, member: string): Promise<string> {
  const { size } = await handle.stat();
  // The end-of-directory record is 22 bytes plus a comment of at most 64 KB.
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(handle, size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0 && end < 0; i--) if (tail.readUInt32LE(i) === END_OF_DIRECTORY) end = i;
  if (end < 0) throw new Error('no ZIP directory found');
  const entries = tail.readUInt16LE(end + 10);
  const directory = await readAt(handle, tail.readUInt32LE(end + 16), tail.readUInt32LE(end + 12));
  let p = 0;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== DIRECTORY_ENTRY) throw new Error('damaged ZIP directory');
    const method = directory.readUInt16LE(p + 10);
    const compressedSize = directory.readUInt32LE(p + 20);
    const nameLength = directory.readUInt16LE(p + 28);
    const skip = nameLength + directory.readUInt16LE(p + 30) + directory.readUInt16LE(p + 32);
    const localOffset = directory.readUInt32LE(p + 42);
    const name = directory.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + skip;
    if (name !== member) continue;
    const local = await readAt(handle, localOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_HEADER) throw new Error('damaged ZIP entry');
    const data = await readAt(handle, localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28), compressedSize);
    if (method === 0) return data.toString('utf8');
    if (method === 8) return inflateRawSync(data).toString('utf8');
    throw new Error(`unsupported ZIP compression method ${method}`);
  }
  throw new Error(`${member} is missing`);
}

/** `<sheet name="..."/>` elements of workbook.xml, in order, with XML entities decoded. */
export function sheetNamesFromWorkbookXml(xml: string): string[] {
  const names: string[] = [];
  // `sheet\b` does not match `<sheets>`; the prefix covers strict-OOXML files that qualify elements.
  for (const element of xml.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g)) {
    const name = /\sname\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(element[0]);
    if (name !== null) names.push(decodeXml(name[1] ?? name[2]));
  }
  return names;
}

function decodeXml(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (_m, hex: string, dec: string, named: string) => {
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    if (dec !== undefined) return String.fromCodePoint(parseInt(dec, 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named.toLowerCase()] ?? '';
  });
}

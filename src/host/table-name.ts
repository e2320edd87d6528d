/**
 * The table an import lands in when the user names none: the file's stem, made into a plain
 * identifier (`Loan Tape 2024-06.csv` -> `loan_tape_2024_06`). Letters of any script are kept,
 * so `贷款台账.xlsx` becomes `贷款台账`, not an anonymous name.
 */
import { basename, extname } from 'node:path';

export function tableNameFromFile(path: string): string {
  // Either separator: a Windows path may reach a host running elsewhere (the browser host's upload name).
  const file = basename(path.replaceAll('\\', '/'));
  const stem = file.slice(0, file.length - extname(file).length) || file;
  let name = stem
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  if (name === '') name = 'imported';
  // Identifiers that start with a digit need quoting in every SQL the analyst types; avoid that.
  if (/^\p{N}/u.test(name)) name = `t_${name}`;
  return name;
}

/**
 * Column names from a header row, made usable: blank headers get a position name and repeats
 * get a suffix. DuckDB compares identifiers case-insensitively, so "Balance" and "BALANCE"
 * are a repeat too.
 */
export function uniqueColumnNames(raw: readonly (string | null | undefined)[]): string[] {
  const taken = new Set<string>();
  return raw.map((value, i) => {
    const base = (value ?? '').replace(/\p{Cc}/gu, ' ').trim() || `column_${i + 1}`;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

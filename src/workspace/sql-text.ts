/**
 * Just enough SQL lexing for the console guard: find the first keyword, the statement inside an
 * EXPLAIN, and where the statement really ends (before a trailing `;` or comment), so the
 * analyst's SELECT can be wrapped in `COPY (...) TO` or `SELECT count(*) FROM (...)`.
 *
 * Strings ('it''s', E'\'', $$...$$, $tag$...$tag$), quoted identifiers and comments (line and
 * nested block) are skipped whole, so a `;` or `--` inside them is never mistaken for structure.
 * DuckDB remains the judge: everything found here is re-parsed by DuckDB before it runs.
 */

/** Index just past a comment starting at `i`, or `i` when there is none. */
function skipComment(sql: string, i: number): number {
  if (sql.startsWith('--', i)) {
    const nl = sql.indexOf('\n', i);
    return nl < 0 ? sql.length : nl + 1;
  }
  if (sql.startsWith('/*', i)) {
    let depth = 0;
    let j = i;
    while (j < sql.length) {
      if (sql.startsWith('/*', j)) {
        depth++;
        j += 2;
      } else if (sql.startsWith('*/', j)) {
        depth--;
        j += 2;
        if (depth === 0) return j;
      } else j++;
    }
    return sql.length;
  }
  return i;
}

/** Index past whitespace and comments from `i`. */
export function skipNoise(sql: string, i = 0): number {
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i])) i++;
    const next = skipComment(sql, i);
    if (next === i) return i;
    i = next;
  }
}

/** Index just past a quoted token (string, identifier, dollar-quoted string) starting at `i`, or `i`. */
function skipQuoted(sql: string, i: number): number {
  const ch = sql[i];
  if (ch === "'" || ch === '"') {
    // E'...' strings take backslash escapes; the E is the previous character of the same token.
    const backslashEscapes = ch === "'" && /[eE]/.test(sql[i - 1] ?? '') && !/[\w$]/.test(sql[i - 2] ?? '');
    let j = i + 1;
    while (j < sql.length) {
      if (backslashEscapes && sql[j] === '\\') j += 2;
      else if (sql[j] === ch && sql[j + 1] === ch) j += 2;
      else if (sql[j] === ch) return j + 1;
      else j++;
    }
    return sql.length;
  }
  if (ch === '$') {
    const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i, i + 64));
    // $1 is a parameter, not a dollar quote; only $$ or $tag$ opens one.
    if (!tag || /[\w$]/.test(sql[i - 1] ?? '')) return i;
    const close = sql.indexOf(tag[0], i + tag[0].length);
    return close < 0 ? sql.length : close + tag[0].length;
  }
  return i;
}

/**
 * The statement text without trailing semicolons, whitespace or comments: what can be placed
 * inside parentheses. Only meaningful for text DuckDB already parsed as a single statement.
 */
export function statementBody(sql: string): string {
  let end = 0;
  let i = 0;
  while (i < sql.length) {
    const afterNoise = skipNoise(sql, i);
    if (afterNoise !== i) {
      i = afterNoise;
      continue;
    }
    const afterQuoted = skipQuoted(sql, i);
    const next = afterQuoted !== i ? afterQuoted : i + 1;
    if (sql[i] !== ';') end = next;
    i = next;
  }
  return sql.slice(0, end);
}

/** The first word of the statement, upper-cased, and where it ends; null for none. */
export function leadingKeyword(sql: string, from = 0): { word: string; end: number } | null {
  const start = skipNoise(sql, from);
  const m = /^[A-Za-z_]+/.exec(sql.slice(start, start + 64));
  return m ? { word: m[0].toUpperCase(), end: start + m[0].length } : null;
}

/** True when the text holds no statement at all (only blanks, comments and semicolons). */
export function isBlankSql(sql: string): boolean {
  return statementBody(sql) === '';
}

/**
 * Where the explained statement starts in `EXPLAIN [ANALYZE] stmt` or `EXPLAIN (options) stmt`.
 * null when the text does not start with EXPLAIN.
 */
export function explainedStatementStart(sql: string): number | null {
  const explain = leadingKeyword(sql);
  if (explain?.word !== 'EXPLAIN') return null;
  let i = skipNoise(sql, explain.end);
  if (sql[i] === '(') {
    let depth = 0;
    for (; i < sql.length; i++) {
      const skipped = skipQuoted(sql, i);
      if (skipped !== i) {
        i = skipped - 1;
        continue;
      }
      if (sql[i] === '(') depth++;
      else if (sql[i] === ')' && --depth === 0) {
        i++;
        break;
      }
    }
  }
  const analyze = leadingKeyword(sql, i);
  return analyze && (analyze.word === 'ANALYZE' || analyze.word === 'ANALYSE') ? analyze.end : skipNoise(sql, i);
}

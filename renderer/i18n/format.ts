/** Locale-aware formatting of the numbers, sizes, dates and durations the UI shows. */
export type Lang = 'en' | 'zh';

export const LOCALE: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };

export interface Formatters {
  /** Whole counts: rows, columns. null (a count nobody can tell, e.g. of a broken view) shows as a dash. */
  int(n: number | null): string;
  /** Measured values: up to `digits` decimals, trailing zeros dropped. */
  num(n: number, digits?: number): string;
  /** A share already in percent (12.5 -> "12.5%"). */
  pct(p: number, digits?: number): string;
  /** A summary statistic: whole numbers as they are, fewer decimals the larger the value. */
  stat(n: number): string;
  bytes(n: number): string;
  dateTime(iso: string): string;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatters(lang: Lang): Formatters {
  const locale = LOCALE[lang];
  const intFmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const numFmts = new Map<number, Intl.NumberFormat>();
  const numFmt = (digits: number) => {
    let f = numFmts.get(digits);
    if (!f) numFmts.set(digits, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
    return f;
  };
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    int: (n) => (n === null ? '—' : intFmt.format(n)),
    num: (n, digits = 4) => numFmt(digits).format(n),
    pct: (p, digits = 1) => `${numFmt(digits).format(p)}%`,
    stat(n) {
      const abs = Math.abs(n);
      return numFmt(Number.isInteger(n) ? 0 : abs >= 1000 ? 1 : abs >= 1 ? 3 : 4).format(n);
    },
    bytes(n) {
      let v = n;
      let u = 0;
      while (v >= 1024 && u < BYTE_UNITS.length - 1) {
        v /= 1024;
        u++;
      }
      return `${numFmt(u === 0 ? 0 : 1).format(v)} ${BYTE_UNITS[u]}`;
    },
    dateTime(iso) {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
    },
  };
}

/** Elapsed time as m:ss (or h:mm:ss): the same in every language, and it does not jump in width. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

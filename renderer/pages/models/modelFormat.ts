/**
 * How model statistics are printed: the conventions of a statsmodels summary and a validation
 * report, so numbers read the same here as in the committee pack.
 */
import type { Validation } from '../../../src/api/models';
import type { MessageKey, MessageParams } from '../../i18n/catalog';
import type { Formatters } from '../../i18n/format';

type T = (key: MessageKey, params?: MessageParams) => string;

/** The usual significance marks: *** p < 0.001, ** p < 0.01, * p < 0.05, . p < 0.1. */
export function significanceMark(p: number): string {
  if (!Number.isFinite(p)) return '';
  if (p < 0.001) return '***';
  if (p < 0.01) return '**';
  if (p < 0.05) return '*';
  if (p < 0.1) return '.';
  return '';
}

/**
 * A statistic with a fixed number of decimals, so a column of them lines up and 0.4640 is not
 * printed as 0.464 beside 0.4651. Both UI languages write the decimal point the same way.
 */
export function fixed(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : String(x);
}

/** P-values as statsmodels prints them: three decimals, and "<0.001" rather than a misleading 0.000. */
export function pValueText(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return '—';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** "p = 0.012" or "p < 0.001", for a sentence or a cell beside a statistic. */
export function pClause(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return 'p —';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/**
 * Coefficients span many orders of magnitude (a credit limit's -6.9e-7 beside a delinquency's 0.58):
 * fixed decimals would print the small ones as 0, so tiny values switch to scientific notation.
 */
export function coefText(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return x.toExponential(3);
  return x.toFixed(4);
}

/** A share 0..1 as a percentage with fixed decimals ("22.0%"). */
export function shareText(x: number | null, digits = 1): string {
  return x === null || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`;
}

/** PSI read the way risk teams do: below 0.1 stable, up to 0.25 worth watching, above that a real shift. */
export type PsiLevel = 'stable' | 'watch' | 'shift';
export function psiLevel(psi: number): PsiLevel {
  if (psi < 0.1) return 'stable';
  if (psi < 0.25) return 'watch';
  return 'shift';
}

export function psiLevelText(level: PsiLevel, t: T): string {
  if (level === 'stable') return t('models.psi.stable');
  if (level === 'watch') return t('models.psi.watch');
  return t('models.psi.shift');
}

/** The holdout in words: "random 30% test", "test where ID % 10 >= 7", "no test set". */
export function validationText(v: Validation, t: T, fmt: Formatters): string {
  if (v.kind === 'random') return t('models.validation.randomText', { pct: fmt.num(v.testFraction * 100, 1) });
  if (v.kind === 'where') return t('models.validation.whereText', { where: v.testWhere });
  return t('models.validation.noneText');
}

export function kindText(kind: 'logistic' | 'forest', t: T): string {
  return kind === 'logistic' ? t('models.kind.logistic') : t('models.kind.forest');
}

/** A model's name as the registry shows it: "uci_logistic v2". */
export function modelLabel(m: { name: string; version: number }, t: T): string {
  return t('models.nameVersion', { name: m.name, version: m.version });
}

/** Plain-text rendering of a LogisticSummary in the layout of statsmodels' Logit.summary(), for the CLI and logs. */
import type { LogisticSummary } from './summary';

/** statsmodels-like number: 4 decimals in the ordinary range, scientific for tiny or huge values. */
function fmt(x: number | null): string {
  if (x === null || Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(3) : x.toFixed(4);
}

const pad = (s: string, w: number): string => s.padStart(w);

export function formatSummary(s: LogisticSummary, outcome = 'bad'): string {
  const rule = '='.repeat(100);
  const thin = '-'.repeat(100);
  const pair = (l: string, lv: string, r: string, rv: string): string => `${l.padEnd(18)}${lv.padStart(18)}    ${r.padEnd(20)}${rv.padStart(18)}`;
  const head = [
    'Logit Regression Results'.padStart(62),
    rule,
    pair('Dep. Variable:', outcome, 'No. Observations:', String(s.rows)),
    pair('Model:', 'Logit', 'Df Residuals:', String(s.dfResiduals)),
    pair('Method:', 'MLE (Newton)', 'Df Model:', String(s.dfModel)),
    pair('Converged:', s.converged ? 'True' : 'False', 'Pseudo R-squ.:', fmt(s.pseudoR2)),
    pair('Iterations:', String(s.iterations), 'Log-Likelihood:', fmt(s.logLikelihood)),
    pair('Max |gradient|:', s.maxAbsGradient.toExponential(2), 'LL-Null:', fmt(s.llNull)),
    pair('L2 penalty:', String(s.l2), 'LLR p-value:', s.llrPValue.toExponential(3)),
    pair('AIC:', fmt(s.aic), 'BIC:', fmt(s.bic)),
    rule,
  ];
  const width = Math.max(10, ...s.terms.map((t) => t.term.length)) + 2;
  const columns = ['coef', 'std err', 'z', 'P>|z|', '[0.025', '0.975]', 'odds ratio', 'VIF'];
  const lines = [''.padEnd(width) + columns.map((c) => pad(c, 11)).join('')];
  lines.push(thin);
  for (const t of s.terms) {
    const cells = [t.coef, t.stdErr, t.z, t.pValue, t.ciLow, t.ciHigh, t.oddsRatio, t.vif].map((v) => pad(fmt(v), 11));
    lines.push(t.term.padEnd(width) + cells.join(''));
  }
  lines.push(rule);
  for (const w of s.warnings) lines.push(`Warning: ${w}`);
  return [...head, ...lines].join('\n');
}

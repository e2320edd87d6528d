/**
 * Logistic regression PD model with the mljs contract: `fit`, `predictProba`, `toJSON()` tagged
 * `vigil.logistic`, `LogisticRegression.load(json)`. Deterministic (no randomness, so no seed).
 *
 *   const model = new LogisticRegression({ impute: 'median' }).fit(train, yTrain);
 *   const pd = model.predictProba(test);
 *   model.summary.terms  // coef, std err, z, P>|z|, 95% CI, odds ratio, VIF per term
 */
import { checkDataset, type Dataset, type Labels } from '../dataset';
import { encodeDesign, learnEncoding, type DesignEncoding, type EncodingOptions } from '../encoding/design';
import { modelInputError } from '../encoding/errors';
import type { ModelJob } from '../encoding/job';
import { sigmoid } from './link';
import { newtonLogistic } from './newton';
import { fromJsonNumbers, toJsonNumbers, type JsonNumbers } from './jsonNumbers';
import { checkSeparation } from './separation';
import { buildSummary, type LogisticSummary, type ReferenceLevel } from './summary';
import { varianceInflationFactors } from './vif';

export const LOGISTIC_MODEL_NAME = 'vigil.logistic';
export const LOGISTIC_MODEL_VERSION = 1;

export interface LogisticOptions extends EncodingOptions {
  /** L2 penalty λ ≥ 0 on the non-intercept coefficients, on the features' own scale (scikit-learn's C = 1/λ). Default 0. */
  l2?: number;
  /** Converged when the largest Newton step (per-standard-deviation scale) is at most this. Default 1e-10. */
  tolerance?: number;
  /** Default 50: a well-posed fit needs under 10; more means separation, reported as a warning. */
  maxIterations?: number;
}

export interface ResolvedLogisticOptions {
  l2: number;
  tolerance: number;
  maxIterations: number;
  impute: 'none' | 'median';
  referenceLevels: Record<string, string>;
}

/** Everything a fitted model is: what `toJSON` writes and `load` reads (arrays as JSON-safe numbers). */
interface FittedState {
  options: ResolvedLogisticOptions;
  encoding: DesignEncoding;
  /** [intercept, terms...], raw feature scale. */
  coef: Float64Array;
  covariance: Float64Array;
  /** Training mean of each term (raw scale): the "average loan" reason codes compare against. */
  termMeans: Float64Array;
  vif: Float64Array;
  rows: number;
  bads: number;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  maxAbsGradient: number;
  perfectlyPredicted: number;
  warnings: string[];
}

export interface LogisticModelJSON {
  name: typeof LOGISTIC_MODEL_NAME;
  version: number;
  options: ResolvedLogisticOptions;
  encoding: DesignEncoding;
  coef: JsonNumbers;
  covariance: JsonNumbers;
  termMeans: JsonNumbers;
  vif: JsonNumbers;
  rows: number;
  bads: number;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  maxAbsGradient: number;
  perfectlyPredicted: number;
  warnings: string[];
}

/** Per-feature contributions to the log-odds relative to the training average (one-hot groups summed per feature). */
export interface FeatureContributions {
  features: string[];
  /** One Float64Array per feature, one value per row: coef·(x − mean), positive = riskier than average. */
  columns: Float64Array[];
}

function resolveOptions(o: LogisticOptions): ResolvedLogisticOptions {
  const l2 = o.l2 ?? 0;
  const tolerance = o.tolerance ?? 1e-10;
  const maxIterations = o.maxIterations ?? 50;
  if (!(l2 >= 0) || !Number.isFinite(l2)) throw modelInputError(`The L2 penalty must be a number ≥ 0, not ${l2}.`, { option: 'l2' });
  if (!(tolerance > 0)) throw modelInputError(`The tolerance must be a positive number, not ${tolerance}.`, { option: 'tolerance' });
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw modelInputError(`The iteration limit must be a positive whole number, not ${maxIterations}.`, { option: 'maxIterations' });
  }
  return { l2, tolerance, maxIterations, impute: o.impute ?? 'none', referenceLevels: { ...(o.referenceLevels ?? {}) } };
}

function checkTrainingData(data: Dataset, y: Labels): number {
  try {
    checkDataset(data, y);
  } catch (e) {
    throw modelInputError(e instanceof Error ? e.message : String(e));
  }
  let bads = 0;
  for (let i = 0; i < y.length; i++) bads += y[i];
  if (bads === 0 || bads === y.length) {
    throw modelInputError(`The training rows are all ${bads === 0 ? 'good' : 'bad'}; a PD model needs both outcomes.`, { rows: y.length, bads });
  }
  return bads;
}

export class LogisticRegression {
  private readonly options: ResolvedLogisticOptions;
  private state: FittedState | null = null;
  private cachedSummary: LogisticSummary | null = null;

  constructor(options: LogisticOptions = {}) {
    this.options = resolveOptions(options);
  }

  /** Fits by Newton–Raphson; reports each iteration to `job` and stops if it is cancelled. */
  fit(data: Dataset, y: Labels, job?: ModelJob): this {
    const bads = checkTrainingData(data, y);
    const encoding = learnEncoding(data, this.options);
    const columns = encodeDesign(encoding, data);
    const termNames = encoding.terms.map((t) => t.name);
    if (data.rows <= columns.length + 1) {
      throw modelInputError(`${data.rows} training rows cannot support ${columns.length + 1} coefficients.`, { rows: data.rows, terms: columns.length + 1 });
    }
    const fit = newtonLogistic(columns, y, termNames, {
      l2: this.options.l2,
      tolerance: this.options.tolerance,
      maxIterations: this.options.maxIterations,
      job,
    });
    // newtonLogistic left `columns` standardized: exactly what the VIF needs.
    const vif = varianceInflationFactors(columns);
    const separation = checkSeparation(y, fit.linearPredictor, termNames, fit);
    const warnings = [...separation.warnings];
    if (fit.hessianCollapsed) warnings.push('The information matrix is singular at the estimate: standard errors are not available.');
    if (this.options.l2 > 0) {
      warnings.push(
        `Coefficients are shrunk by an L2 penalty (λ = ${this.options.l2}); standard errors, z and p-values come from the penalized information matrix and are approximate.`,
      );
    }
    this.state = {
      options: this.options,
      encoding,
      coef: fit.coef,
      covariance: fit.covariance,
      termMeans: fit.means,
      vif,
      rows: data.rows,
      bads,
      logLikelihood: fit.logLikelihood,
      iterations: fit.iterations,
      converged: fit.converged,
      maxAbsGradient: fit.maxAbsGradient,
      perfectlyPredicted: separation.perfectlyPredicted,
      warnings,
    };
    this.cachedSummary = null;
    return this;
  }

  private fitted(): FittedState {
    if (!this.state) throw modelInputError('The logistic model has not been fitted yet.');
    return this.state;
  }

  get isFitted(): boolean {
    return this.state !== null;
  }

  /** Term names in coefficient order after the intercept. */
  get termNames(): string[] {
    return this.fitted().encoding.terms.map((t) => t.name);
  }

  /** [intercept, term coefficients...] on the features' own scale (a copy). */
  get coefficients(): Float64Array {
    return this.fitted().coef.slice();
  }

  get summary(): LogisticSummary {
    if (!this.cachedSummary) {
      const s = this.fitted();
      const references: ReferenceLevel[] = s.encoding.features.flatMap((f) => (f.kind === 'categorical' ? [{ feature: f.name, reference: f.reference }] : []));
      this.cachedSummary = buildSummary({
        termNames: s.encoding.terms.map((t) => t.name),
        termFeatures: s.encoding.terms.map((t) => (t.level === undefined ? { feature: t.feature } : { feature: t.feature, level: t.level })),
        referenceLevels: references,
        coef: s.coef,
        covariance: s.covariance,
        vif: s.vif,
        rows: s.rows,
        bads: s.bads,
        logLikelihood: s.logLikelihood,
        iterations: s.iterations,
        converged: s.converged,
        maxAbsGradient: s.maxAbsGradient,
        tolerance: s.options.tolerance,
        l2: s.options.l2,
        perfectlyPredicted: s.perfectlyPredicted,
        warnings: s.warnings,
      });
    }
    return this.cachedSummary;
  }

  /** Log-odds of bad per row: β0 + Σ β_j·x_j on the encoded features. */
  predictLogOdds(data: Dataset): Float64Array {
    const s = this.fitted();
    const columns = encodeDesign(s.encoding, data);
    const eta = new Float64Array(data.rows).fill(s.coef[0]);
    for (let j = 0; j < columns.length; j++) {
      const b = s.coef[j + 1];
      const c = columns[j];
      for (let i = 0; i < eta.length; i++) eta[i] += b * c[i];
    }
    return eta;
  }

  /** Probability of bad (PD) per row. */
  predictProba(data: Dataset): Float64Array {
    const eta = this.predictLogOdds(data);
    for (let i = 0; i < eta.length; i++) eta[i] = sigmoid(eta[i]);
    return eta;
  }

  /**
   * How much each feature moves each loan's log-odds away from the average training loan:
   * coef_j·(x_ij − mean_j), with a categorical feature's one-hot terms summed into one value.
   * The basis of reason codes (models/scorecard).
   */
  featureContributions(data: Dataset): FeatureContributions {
    const s = this.fitted();
    const columns = encodeDesign(s.encoding, data);
    const features = s.encoding.features.map((f) => f.name);
    const out = features.map(() => new Float64Array(data.rows));
    s.encoding.terms.forEach((term, j) => {
      const target = out[features.indexOf(term.feature)];
      const b = s.coef[j + 1];
      const mean = s.termMeans[j];
      const c = columns[j];
      for (let i = 0; i < target.length; i++) target[i] += b * (c[i] - mean);
    });
    return { features, columns: out };
  }

  toJSON(): LogisticModelJSON {
    const s = this.fitted();
    return {
      name: LOGISTIC_MODEL_NAME,
      version: LOGISTIC_MODEL_VERSION,
      options: { ...s.options, referenceLevels: { ...s.options.referenceLevels } },
      encoding: structuredClone(s.encoding),
      coef: toJsonNumbers(s.coef),
      covariance: toJsonNumbers(s.covariance),
      termMeans: toJsonNumbers(s.termMeans),
      vif: toJsonNumbers(s.vif),
      rows: s.rows,
      bads: s.bads,
      logLikelihood: s.logLikelihood,
      iterations: s.iterations,
      converged: s.converged,
      maxAbsGradient: s.maxAbsGradient,
      perfectlyPredicted: s.perfectlyPredicted,
      warnings: [...s.warnings],
    };
  }

  static load(json: LogisticModelJSON): LogisticRegression {
    if (!json || json.name !== LOGISTIC_MODEL_NAME) {
      throw modelInputError(`This is not a saved logistic model (expected name "${LOGISTIC_MODEL_NAME}").`, { name: json?.name });
    }
    if (json.version !== LOGISTIC_MODEL_VERSION) {
      throw modelInputError(`Saved logistic model version ${json.version} is not supported (this Vigil reads version ${LOGISTIC_MODEL_VERSION}).`, {
        version: json.version,
      });
    }
    const k = json.encoding.terms.length + 1;
    const coef = fromJsonNumbers(json.coef);
    const covariance = fromJsonNumbers(json.covariance);
    if (coef.length !== k || covariance.length !== k * k || json.termMeans.length !== k - 1 || json.vif.length !== k - 1) {
      throw modelInputError('The saved logistic model is damaged: its arrays do not match its terms.', { terms: k - 1 });
    }
    const model = new LogisticRegression(json.options);
    model.state = {
      options: model.options,
      encoding: structuredClone(json.encoding),
      coef,
      covariance,
      termMeans: fromJsonNumbers(json.termMeans),
      vif: fromJsonNumbers(json.vif),
      rows: json.rows,
      bads: json.bads,
      logLikelihood: json.logLikelihood,
      iterations: json.iterations,
      converged: json.converged,
      maxAbsGradient: json.maxAbsGradient,
      perfectlyPredicted: json.perfectlyPredicted,
      warnings: [...json.warnings],
    };
    return model;
  }
}

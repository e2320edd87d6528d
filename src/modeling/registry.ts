/**
 * The model registry: one row per trained model in `_vigil_models`, inside the workspace file, so a
 * model travels with the data it was built on. Each row holds everything an auditor asks for (what
 * data, which rows, which columns, which settings, which seed, what came out) and the model itself.
 */
import { createHash, randomBytes } from 'node:crypto';
import { blobValue, DuckDBBlobValue, type DuckDBConnection } from '@duckdb/node-api';
import type { ModelDetail, ModelFeature, ModelKind, ModelSummary, TrainResult, Validation } from '../api/models';
import { conflict, notFound } from '../api/errors';
import { allRows, INTERNAL_PREFIX, q } from '../workspace/workspace';

export const REGISTRY_TABLE = `${INTERNAL_PREFIX}models`;

/** What training (or an import) hands the registry; id, version and time are the registry's to assign. */
export interface NewModel {
  name: string;
  kind: ModelKind;
  table: string;
  target: string;
  bad: string[];
  featureSpecs: ModelFeature[];
  dataRows: number;
  dataHash: string;
  seed: number;
  validation: Validation;
  params: Record<string, unknown>;
  /** The train result without its `model` summary (that is rebuilt from the columns). */
  result: Omit<TrainResult, 'model'>;
  /** Development PDs (PdModel.developmentPd): the reference population for the PSI of anything scored later. */
  developmentPd: Float64Array;
  /** JSON text of the fitted model. */
  modelJson: string;
  /** Keep this id/version if free (import); fresh ones otherwise. */
  preferredId?: string;
  preferredVersion?: number;
  createdAt?: string;
}

export interface StoredModel {
  summary: ModelSummary;
  detail: ModelDetail;
  developmentPd: Float64Array;
  modelJson: string;
  modelSha256: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export async function ensureRegistry(c: DuckDBConnection): Promise<void> {
  await c.run(`CREATE TABLE IF NOT EXISTS ${q(REGISTRY_TABLE)} (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    table_name VARCHAR NOT NULL,
    data_rows BIGINT NOT NULL,
    data_hash VARCHAR NOT NULL,
    target VARCHAR NOT NULL,
    target_bad VARCHAR NOT NULL,
    features VARCHAR NOT NULL,
    params VARCHAR NOT NULL,
    seed BIGINT NOT NULL,
    validation VARCHAR NOT NULL,
    result VARCHAR NOT NULL,
    development_pd BLOB NOT NULL,
    model VARCHAR NOT NULL,
    model_sha256 VARCHAR NOT NULL,
    UNIQUE (name, version)
  )`);
}

function pdBytes(pd: Float64Array): Uint8Array {
  // Little-endian Float64: the byte order of every platform Vigil ships on (x64, arm64).
  return new Uint8Array(pd.buffer.slice(pd.byteOffset, pd.byteOffset + pd.byteLength));
}

function pdFromBytes(bytes: Uint8Array): Float64Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float64Array(copy.buffer);
}

/** Insert a model; returns its summary. Runs inside the caller's transaction. */
export async function insertModel(c: DuckDBConnection, m: NewModel): Promise<ModelSummary> {
  await ensureRegistry(c);
  let id = m.preferredId ?? newId();
  if (m.preferredId !== undefined) {
    const taken = await allRows<{ n: number }>(c, `SELECT count(*) AS n FROM ${q(REGISTRY_TABLE)} WHERE id = $1`, [id]);
    if (taken[0].n > 0) id = newId();
  }
  const [{ next }] = await allRows<{ next: number }>(
    c,
    `SELECT coalesce(max(version), 0) + 1 AS next FROM ${q(REGISTRY_TABLE)} WHERE name = $1`,
    [m.name],
  );
  let version = next;
  if (m.preferredVersion !== undefined && id === m.preferredId) {
    const clash = await allRows<{ n: number }>(c, `SELECT count(*) AS n FROM ${q(REGISTRY_TABLE)} WHERE name = $1 AND version = $2`, [
      m.name,
      m.preferredVersion,
    ]);
    if (clash[0].n === 0) version = m.preferredVersion;
  }
  const createdAt = m.createdAt ?? new Date().toISOString();
  await c.run(
    `INSERT INTO ${q(REGISTRY_TABLE)} VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMP), $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      id,
      m.name,
      version,
      m.kind,
      createdAt.replace(/Z$/, ''),
      m.table,
      m.dataRows,
      m.dataHash,
      m.target,
      JSON.stringify(m.bad),
      JSON.stringify(m.featureSpecs),
      JSON.stringify(m.params),
      m.seed,
      JSON.stringify(m.validation),
      JSON.stringify(m.result),
      blobValue(pdBytes(m.developmentPd)),
      m.modelJson,
      sha256(m.modelJson),
    ],
  );
  const stored = await readModel(c, id);
  return stored.summary;
}

function newId(): string {
  return randomBytes(5).toString('hex');
}

interface Row {
  id: string;
  name: string;
  version: number;
  kind: ModelKind;
  created_at: string;
  table_name: string;
  data_rows: number;
  data_hash: string;
  target: string;
  target_bad: string;
  features: string;
  params: string;
  seed: number;
  validation: string;
  result: string;
}

const SUMMARY_COLUMNS = `id, name, version, kind, strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at, table_name, data_rows,
  data_hash, target, target_bad, features, params, seed, validation, result`;

function summaryOf(r: Row, result: Omit<TrainResult, 'model'>): ModelSummary {
  const features = JSON.parse(r.features) as ModelFeature[];
  return {
    id: r.id,
    name: r.name,
    version: r.version,
    kind: r.kind,
    createdAt: r.created_at,
    table: r.table_name,
    target: r.target,
    bad: JSON.parse(r.target_bad) as string[],
    features: features.map((f) => f.name),
    dataRows: r.data_rows,
    dataHash: r.data_hash,
    seed: r.seed,
    validation: JSON.parse(r.validation) as Validation,
    params: JSON.parse(r.params) as Record<string, unknown>,
    trainAuc: result.metrics.train.auc,
    testAuc: result.metrics.test?.auc ?? null,
  };
}

export async function listModels(c: DuckDBConnection): Promise<ModelSummary[]> {
  await ensureRegistry(c);
  const rows = await allRows<Row>(c, `SELECT ${SUMMARY_COLUMNS} FROM ${q(REGISTRY_TABLE)} ORDER BY name, version`);
  return rows.map((r) => summaryOf(r, JSON.parse(r.result) as Omit<TrainResult, 'model'>));
}

export async function readModel(c: DuckDBConnection, id: string): Promise<StoredModel> {
  await ensureRegistry(c);
  const rows = await allRows<Row>(c, `SELECT ${SUMMARY_COLUMNS} FROM ${q(REGISTRY_TABLE)} WHERE id = $1`, [id]);
  if (rows.length === 0) throw notFound(`There is no model with id "${id}". Run "vigil models list" to see the saved models.`, { id });
  // The BLOB and the model text are read raw: toPlain would turn the BLOB into text.
  const raw = await c.runAndReadAll(`SELECT development_pd, model, model_sha256 FROM ${q(REGISTRY_TABLE)} WHERE id = $1`, [id]);
  const [pd, model, hash] = raw.getRows()[0] as [DuckDBBlobValue, string, string];
  const result = JSON.parse(rows[0].result) as Omit<TrainResult, 'model'>;
  const summary = summaryOf(rows[0], result);
  const featureSpecs = JSON.parse(rows[0].features) as ModelFeature[];
  if (sha256(model) !== hash) {
    throw conflict(`Model "${id}" was altered in the workspace after it was saved (its checksum no longer matches); retrain or re-import it.`, { id });
  }
  return { summary, detail: { model: summary, ...result, featureSpecs }, developmentPd: pdFromBytes(pd.bytes), modelJson: model, modelSha256: hash };
}

export async function deleteModel(c: DuckDBConnection, id: string): Promise<void> {
  await ensureRegistry(c);
  const rows = await allRows<{ n: number }>(c, `SELECT count(*) AS n FROM ${q(REGISTRY_TABLE)} WHERE id = $1`, [id]);
  if (rows[0].n === 0) throw notFound(`There is no model with id "${id}".`, { id });
  await c.run(`DELETE FROM ${q(REGISTRY_TABLE)} WHERE id = $1`, [id]);
}

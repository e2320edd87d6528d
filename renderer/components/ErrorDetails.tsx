/**
 * An error as the user needs it: the message, then where it happened (file, line, column, reason...).
 * Transport failures are said in the user's language; engine messages are shown as the engine wrote them.
 */
import type { ErrorShape } from '../../src/api/errors';
import { isTransportFailure, type TransportFailure } from '../api/types';
import type { MessageKey } from '../i18n/catalog';
import { useI18n } from '../i18n/I18nProvider';

const TRANSPORT_MESSAGE: Record<TransportFailure, MessageKey> = {
  host_unreachable: 'error.transport.host_unreachable',
  bad_answer: 'error.transport.bad_answer',
  upload_failed: 'error.transport.upload_failed',
  engine_gone: 'error.transport.engine_gone',
  missing_token: 'error.transport.missing_token',
};

/** Where-keys first, in the order a user reads a location; anything else after. */
const DETAIL_LABEL: Record<string, MessageKey> = {
  file: 'error.detail.file',
  sheet: 'error.detail.sheet',
  line: 'error.detail.line',
  row: 'error.detail.row',
  column: 'error.detail.column',
  reason: 'error.detail.reason',
  value: 'error.detail.value',
  statement: 'error.detail.statement',
  badLines: 'error.detail.badLines',
  table: 'error.detail.table',
  path: 'error.detail.path',
  op: 'error.detail.op',
};
const HIDDEN_DETAILS = new Set(['transport']);

function detailText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function errorMessage(error: ErrorShape, t: (k: MessageKey) => string): string {
  const transport = error.details?.transport;
  return isTransportFailure(transport) ? t(TRANSPORT_MESSAGE[transport]) : error.message;
}

export function ErrorDetails({ error }: { error: ErrorShape }) {
  const { t } = useI18n();
  const entries = Object.entries(error.details ?? {}).filter(([k]) => !HIDDEN_DETAILS.has(k));
  const known = Object.keys(DETAIL_LABEL);
  entries.sort(([a], [b]) => {
    const ia = known.indexOf(a);
    const ib = known.indexOf(b);
    return (ia < 0 ? known.length : ia) - (ib < 0 ? known.length : ib);
  });
  return (
    <div className="error-details">
      <p className="error-message" data-testid="error-message">
        {errorMessage(error, t)}
      </p>
      {entries.length > 0 && (
        <dl className="error-where" data-testid="error-where">
          {entries.map(([k, v]) => (
            <div key={k} data-detail={k}>
              <dt>{k in DETAIL_LABEL ? t(DETAIL_LABEL[k]) : k}</dt>
              <dd>{detailText(v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

/**
 * What the engine says about a result (a rule that could not apply, a field the panel lacks), folded
 * under a line in the user's language: the notes themselves are the engine's own words.
 */
import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/I18nProvider';

export function EngineNotes({ notes, summary = 'mon.notes', testId }: { notes: readonly string[]; summary?: MessageKey; testId?: string }) {
  const { t } = useI18n();
  if (notes.length === 0) return null;
  return (
    <details className="mon-notes-box" data-testid={testId}>
      <summary>{t(summary, { n: notes.length })}</summary>
      <ul className="mon-notes">
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </details>
  );
}

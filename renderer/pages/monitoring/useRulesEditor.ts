/**
 * What every rule editor of the Monitoring page does the same way: load the saved rules once, keep
 * the form, check it as the user types, save or restore the defaults, and put the engine's refusal
 * (a `bad_input` whose `details.field` names a row) next to that row rather than at the foot.
 */
import { useEffect, useState } from 'react';
import { toErrorShape, type ErrorShape } from '../../../src/api/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { fieldLocation, type FieldLocation, type FormCheck, type PlacedError } from './orderedRows';
import type { ShownProblem } from './OrderedRows';

export interface RulesEditor<M, F, V, L extends string> {
  /** The saved rules as loaded; null while loading. */
  saved: M | null;
  /** null while loading. */
  form: F | null;
  setForm(form: F): void;
  checked: FormCheck<V, L> | null;
  loadError: ErrorShape | null;
  busy: boolean;
  /** An engine error that names no row. */
  error: ErrorShape | null;
  /** The problem to show under a row of `list`: the form's own check first, then the engine's. */
  problemOf(list: L): (row: number) => ShownProblem | null;
  save(send: (value: V, saved: M) => Promise<unknown>): void;
  restoreDefaults(send: () => Promise<unknown>): void;
}

export function useRulesEditor<M, F, V, L extends string>(opts: {
  load(): Promise<M>;
  toForm(saved: M): F;
  check(form: F): FormCheck<V, L>;
  /** The row an engine error's field points at, in this form's lists; null when none. */
  place(at: FieldLocation, form: F): { list: L; row: number } | null;
  onSaved(): void;
}): RulesEditor<M, F, V, L> {
  const { t } = useI18n();
  const [saved, setSaved] = useState<M | null>(null);
  const [form, setFormState] = useState<F | null>(null);
  const [loadError, setLoadError] = useState<ErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorShape | null>(null);
  const [placed, setPlaced] = useState<PlacedError<L> | null>(null);

  useEffect(() => {
    let live = true;
    opts.load().then(
      (m) => {
        if (!live) return;
        setSaved(m);
        setFormState(opts.toForm(m));
      },
      (e: unknown) => {
        if (live) setLoadError(toErrorShape(e));
      },
    );
    return () => {
      live = false;
    };
    // Loaded once per dialog (the dialog is the editing session), not again when the callbacks change.
  }, []);

  const checked = form === null ? null : opts.check(form);

  async function act(fn: () => Promise<unknown>, current: F | null) {
    setBusy(true);
    setError(null);
    setPlaced(null);
    try {
      await fn();
      opts.onSaved();
    } catch (e) {
      const shape = toErrorShape(e);
      const at = fieldLocation(shape);
      const row = at && current ? opts.place(at, current) : null;
      if (row) setPlaced({ ...row, message: shape.message });
      else setError(shape);
    } finally {
      setBusy(false);
    }
  }

  return {
    saved,
    form,
    setForm: (f) => {
      setFormState(f);
      // The engine's word was about the rows as they were: an edit may have moved or fixed them.
      setPlaced(null);
    },
    checked,
    loadError,
    busy,
    error,
    problemOf: (list) => (row) => {
      const own = checked && !checked.ok ? checked.problems.find((p) => p.list === list && p.row === row) : undefined;
      if (own) return { message: t(own.problem), field: own.field };
      if (placed && placed.list === list && placed.row === row) return { message: placed.message, field: null };
      return null;
    },
    save: (send) => {
      if (checked?.ok && saved !== null) void act(() => send(checked.value, saved), form);
    },
    restoreDefaults: (send) => void act(send, null),
  };
}

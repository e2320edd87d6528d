/**
 * Things the user must see at the top of the page: errors (with where they happened) and
 * the outcome of finished work. Each can be dismissed; a cancelled job is not an error.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { toErrorShape, type ErrorShape } from '../../src/api/errors';
import type { MessageKey, MessageParams } from '../i18n/catalog';

/** Good news is kept as a message key, so it follows a language switch while it is on screen. */
type NoticeContent = { kind: 'error'; error: ErrorShape } | { kind: 'success'; message: MessageKey; params?: MessageParams };
export type Notice = NoticeContent & { id: number };

interface NoticesState {
  notices: readonly Notice[];
  /** Show anything thrown as an error banner (cancellations are ignored: the user asked for them). */
  reportError(e: unknown): void;
  reportSuccess(message: MessageKey, params?: MessageParams): void;
  dismiss(id: number): void;
}

const NoticesContext = createContext<NoticesState | null>(null);
/** Old notices go first when this many are open: a stack of banners hides the work. */
const MAX_NOTICES = 4;
/** Good news fades by itself; errors stay until the user has read and dismissed them. */
const SUCCESS_VISIBLE_MS = 8000;

export function NoticesProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  const nextId = useRef(1);

  const push = useCallback((n: NoticeContent) => {
    const notice: Notice = { ...n, id: nextId.current++ };
    setNotices((prev) => [...prev, notice].slice(-MAX_NOTICES));
    return notice.id;
  }, []);
  const reportError = useCallback(
    (e: unknown) => {
      const error = toErrorShape(e);
      if (error.kind !== 'cancelled') push({ kind: 'error', error });
    },
    [push],
  );
  const dismiss = useCallback((id: number) => setNotices((prev) => prev.filter((n) => n.id !== id)), []);
  const reportSuccess = useCallback(
    (message: MessageKey, params?: MessageParams) => {
      const id = push({ kind: 'success', message, params });
      setTimeout(() => dismiss(id), SUCCESS_VISIBLE_MS);
    },
    [push, dismiss],
  );

  const value = useMemo(() => ({ notices, reportError, reportSuccess, dismiss }), [notices, reportError, reportSuccess, dismiss]);
  return <NoticesContext.Provider value={value}>{children}</NoticesContext.Provider>;
}

export function useNotices(): NoticesState {
  const ctx = useContext(NoticesContext);
  if (!ctx) throw new Error('useNotices outside <NoticesProvider>');
  return ctx;
}

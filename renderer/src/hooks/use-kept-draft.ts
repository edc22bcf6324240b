import { useEffect, useRef, useState } from 'react';
import type { DraftScreen } from '@shared/contract';
import { call } from '../api';

/**
 * Keeps a screen's unfinished work in the host (not only in the page), so a reload, a crash of
 * the page or a lock gives the clerk her basket back. `value` is saved whenever it changes and
 * cleared when `empty`; `restore` runs once, with what the host kept, before the first save.
 */
export function useKeptDraft<T>(screen: DraftScreen, value: T, empty: boolean, restore: (kept: T, savedAt: string) => void) {
  const [ready, setReady] = useState(false);
  const restoreRef = useRef(restore);
  useEffect(() => {
    restoreRef.current = restore;
  });

  useEffect(() => {
    let current = true;
    call('drafts.get', { screen }).then(
      (draft) => {
        if (!current) return;
        if (draft.content !== null && draft.savedAt !== null) restoreRef.current(JSON.parse(draft.content) as T, draft.savedAt);
        setReady(true);
      },
      () => current && setReady(true),
    );
    return () => {
      current = false;
    };
  }, [screen]);

  const content = JSON.stringify(value);
  useEffect(() => {
    if (!ready) return;
    // A failed save only loses the safety net, never the basket on screen.
    const saved = empty ? call('drafts.clear', { screen }) : call('drafts.save', { screen, content });
    saved.catch(() => undefined);
  }, [ready, screen, content, empty]);

  /** Saves now and waits (before a booking: the draft then names the operation being sent). */
  const saveNow = (kept: T) => call('drafts.save', { screen, content: JSON.stringify(kept) }).catch(() => undefined);
  const clear = () => call('drafts.clear', { screen }).catch(() => undefined);
  return { ready, saveNow, clear };
}

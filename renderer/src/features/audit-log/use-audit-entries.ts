import { useEffect, useState } from 'react';
import type { AuditEntry } from '@shared/contract';
import { call } from '../../api';

const PAGE = 100;

interface Loaded {
  action: string | undefined;
  entries: AuditEntry[];
  complete: boolean;
}

/** Newest first, older pages appended on demand (the log only grows). */
export function useAuditEntries(action: string | undefined) {
  const [loaded, setLoaded] = useState<Loaded>({ action, entries: [], complete: false });
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    call('audit.list', { limit: PAGE, action }).then(
      (page) => {
        if (!current) return;
        setLoaded({ action, entries: page, complete: page.length < PAGE });
        setError(null);
      },
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [action]);

  const more = () => {
    const oldest = loaded.entries.at(-1);
    if (!oldest) return;
    call('audit.list', { limit: PAGE, beforeSeq: oldest.seq, action }).then(
      (page) =>
        setLoaded((previous) =>
          previous.action === action
            ? { action, entries: [...previous.entries, ...page], complete: page.length < PAGE }
            : previous,
        ),
      setError,
    );
  };

  // Entries of a previous filter are not shown as if they matched the new one.
  const entries = loaded.action === action ? loaded.entries : [];
  return { entries, error, complete: loaded.complete, more };
}

import { useEffect, useState } from 'react';
import type { Input, MethodName, Output } from '@shared/contract';
import { call } from '../api';

interface Loaded<T> {
  request: string;
  version: number;
  data: T | null;
  error: unknown;
}

/**
 * Reads one contract method and keeps the answer of the current input only (an
 * answer to an older filter is never shown as if it matched the new one). `input`
 * null: nothing to read yet. Bump `version` to read again; the previous answer of
 * the same input stays on screen meanwhile.
 */
export function useCallData<M extends MethodName>(
  method: M,
  input: Input<M> | null,
  version = 0,
): { data: Output<M> | null; error: unknown; loading: boolean } {
  const request = input === null ? '' : JSON.stringify(input);
  const [loaded, setLoaded] = useState<Loaded<Output<M>>>({ request: '', version: -1, data: null, error: null });

  useEffect(() => {
    if (request === '') return;
    let current = true;
    call(method, JSON.parse(request) as Input<M>).then(
      (data) => current && setLoaded({ request, version, data, error: null }),
      (error: unknown) => current && setLoaded({ request, version, data: null, error }),
    );
    return () => {
      current = false;
    };
  }, [method, request, version]);

  const sameInput = loaded.request === request && request !== '';
  return {
    data: sameInput ? loaded.data : null,
    error: sameInput ? loaded.error : null,
    loading: request !== '' && !(sameInput && loaded.version === version),
  };
}

import { createContext, useContext } from 'react';
import type { CounterStatus } from '@shared/contract';

/** The last status the host reported; screens below the app root only render once it exists. */
export const StatusContext = createContext<CounterStatus | null>(null);

export function useStatus(): CounterStatus {
  const status = useContext(StatusContext);
  if (!status) throw new Error('useStatus before the first status arrived');
  return status;
}

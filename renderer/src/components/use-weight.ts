import { useEffect, useState } from 'react';
import type { WeightReading } from '@shared/contract';
import { on } from '../api';

/** The latest reading of one scale (or of any scale), as the host streams them. */
export function useWeight(deviceId?: string): WeightReading | null {
  const [reading, setReading] = useState<WeightReading | null>(null);
  useEffect(
    () =>
      on('scale.weight', (next) => {
        if (deviceId === undefined || next.deviceId === deviceId) setReading(next);
      }),
    [deviceId],
  );
  return reading;
}

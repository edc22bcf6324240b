/** The currency's rounding rule on a computed amount (a premium, a percentage), in minor units. */
export function roundToStep(amount: number, stepMinor: number, mode: 'up' | 'nearest' | 'down'): number {
  const steps = amount / stepMinor;
  const whole = mode === 'up' ? Math.ceil(steps - 1e-9) : mode === 'down' ? Math.floor(steps + 1e-9) : Math.round(steps);
  return whole * stepMinor;
}

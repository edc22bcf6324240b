import { ContractError } from '@shared/contract';
import { checkS10 } from '@shared/s10';

/** A scanned or typed S10 with a wrong check digit is refused at once, with the digit expected. */
export function requireValidS10(input: string, path = 's10'): string {
  const checked = checkS10(input);
  if (checked.ok) return checked.s10;
  const message =
    checked.problem === 'check-digit'
      ? `${input}: wrong check digit (expected ${checked.expectedCheckDigit}); check the number`
      : checked.problem === 'reserved-indicator'
        ? `${input}: this service indicator is reserved`
        : `${input} is not an S10 item number (2 letters, 9 digits, 2 letters)`;
  throw new ContractError('INVALID_INPUT', message, {
    rule: `s10-${checked.problem}`,
    issues: [{ path, message, code: `s10-${checked.problem}` }],
    ...(checked.expectedCheckDigit === undefined ? {} : { expectedCheckDigit: checked.expectedCheckDigit }),
  });
}

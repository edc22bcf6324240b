import { Alert } from '@mantine/core';

/**
 * What the last action came to, above the form that did it: a green notice when it was done, a
 * red alert (announced to screen readers) when it was refused. `testId` names both for the tests:
 * `<testId>-notice`, `<testId>-error`.
 */
export function OutcomeAlerts({ notice, error, testId }: { notice?: string | null; error: string | null; testId: string }) {
  return (
    <>
      {notice && (
        <Alert color="green" data-testid={`${testId}-notice`}>
          {notice}
        </Alert>
      )}
      {error && (
        <Alert color="red" role="alert" data-testid={`${testId}-error`}>
          {error}
        </Alert>
      )}
    </>
  );
}

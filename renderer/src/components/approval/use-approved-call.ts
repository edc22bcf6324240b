import { useCallback } from 'react';
import type { Input, MethodName, Output } from '@shared/contract';
import { call, isFailure } from '../../api';
import { useRequestApproval } from './approval-context';

/**
 * `call`, plus the four-eyes step: when the host answers APPROVAL_REQUIRED the
 * approval dialog opens and the same call is sent again, same input, with the
 * supervisor's credentials. Rejects with ApprovalCancelled if the dialog is
 * closed, or with the CallFailure of the approved attempt.
 */
export function useApprovedCall() {
  const requestApproval = useRequestApproval();
  return useCallback(
    async <M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> => {
      try {
        return await call(method, input);
      } catch (error) {
        if (!isFailure(error, 'APPROVAL_REQUIRED')) throw error;
        const action = typeof error.details?.action === 'string' ? error.details.action : method;
        return requestApproval({ action, attempt: (approval) => call(method, input, { approval }) });
      }
    },
    [requestApproval],
  );
}

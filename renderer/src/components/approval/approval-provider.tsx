import { useCallback, useState, type ReactNode } from 'react';
import type { ApprovalCredentials } from '@shared/contract';
import { isFailure } from '../../api';
import { useI18n } from '../../i18n';
import { ApprovalCancelled, ApprovalContext, type ApprovalRequest, type RequestApproval } from './approval-context';
import { ApprovalDialog } from './approval-dialog';

interface Pending {
  request: ApprovalRequest<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Hosts the one approval dialog; any screen asks for it through useApprovedCall. */
export function ApprovalProvider({ children }: { children: ReactNode }) {
  const { t, tryT } = useI18n();
  const [pending, setPending] = useState<Pending | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const requestApproval = useCallback<RequestApproval>(
    <T,>(request: ApprovalRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        setRefusal(null);
        setPending({ request, resolve: (value) => resolve(value as T), reject });
      }),
    [],
  );

  const submit = async (credentials: ApprovalCredentials) => {
    if (!pending) return;
    setBusy(true);
    try {
      const result = await pending.request.attempt(credentials);
      setPending(null);
      pending.resolve(result);
    } catch (error) {
      if (isFailure(error, 'APPROVAL_REFUSED')) {
        // Stay open: the supervisor may simply have mistyped their PIN.
        const reason = typeof error.details?.reason === 'string' ? error.details.reason : 'other';
        setRefusal(t('approval.refused', { reason: tryT(`approval.reason.${reason}`, t('approval.reason.other')) }));
      } else {
        setPending(null);
        pending.reject(error);
      }
    } finally {
      setBusy(false);
    }
  };

  const cancel = () => {
    if (!pending || busy) return;
    setPending(null);
    pending.reject(new ApprovalCancelled());
  };

  return (
    <ApprovalContext.Provider value={requestApproval}>
      {children}
      {pending && (
        <ApprovalDialog
          action={pending.request.action}
          refusal={refusal}
          busy={busy}
          onSubmit={(credentials) => void submit(credentials)}
          onCancel={cancel}
        />
      )}
    </ApprovalContext.Provider>
  );
}

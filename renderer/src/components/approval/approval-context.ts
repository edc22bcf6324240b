import { createContext, useContext } from 'react';
import type { ApprovalCredentials } from '@shared/contract';

export interface ApprovalRequest<T> {
  /** The contract's action name from APPROVAL_REQUIRED details, e.g. `account.unlock`. */
  action: string;
  /** Runs the original call again with the supervisor's credentials attached. */
  attempt(approval: ApprovalCredentials): Promise<T>;
}

export type RequestApproval = <T>(request: ApprovalRequest<T>) => Promise<T>;

export const ApprovalContext = createContext<RequestApproval | null>(null);

export function useRequestApproval(): RequestApproval {
  const request = useContext(ApprovalContext);
  if (!request) throw new Error('useRequestApproval outside ApprovalProvider');
  return request;
}

/** Thrown when the clerk closes the approval dialog: nothing happened, nothing to show. */
export class ApprovalCancelled extends Error {
  constructor() {
    super('approval cancelled at the window');
    this.name = 'ApprovalCancelled';
  }
}

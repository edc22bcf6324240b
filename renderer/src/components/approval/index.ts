export { ApprovalProvider } from './approval-provider';
export { useApprovedCall } from './use-approved-call';
export { ApprovalCancelled, useRequestApproval, type ApprovalRequest } from './approval-context';

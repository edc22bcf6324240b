import { ContractError, type ApprovalCredentials } from '@shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { AuthService } from './auth-service';
import type { Session } from './sessions';

export interface ApprovalRequest {
  /** What is being approved, e.g. `account.unlock`, `till.paidOut`. */
  action: string;
  subject: string | null;
  session: Session | null;
  credentials: ApprovalCredentials | undefined;
}

/**
 * The reusable supervisor-approval step. A supervisor's own session approves
 * their own action; anyone else needs a supervisor to key in their credentials
 * at the window (four eyes: never the requester's own). Returns the approver's
 * username; grants and refusals are audited.
 */
export class Approvals {
  constructor(
    private readonly auth: AuthService,
    private readonly audit: AuditLog,
  ) {}

  async require(request: ApprovalRequest): Promise<string> {
    const requester = request.session?.user.username ?? null;
    if (request.session?.user.role === 'supervisor' && !request.session.locked) {
      const approver = request.session.user.username;
      this.audit.record({ actor: approver, action: 'approval', subject: request.subject, outcome: 'ok', details: { for: request.action, requester, by: 'session' } });
      return approver;
    }

    const credentials = request.credentials;
    if (!credentials) {
      throw new ContractError('APPROVAL_REQUIRED', `${request.action} needs a supervisor's approval`, { action: request.action });
    }
    const refuse = (reason: string, code: 'APPROVAL_REFUSED' | 'TOO_MANY_ATTEMPTS' = 'APPROVAL_REFUSED'): never => {
      this.audit.record({
        actor: credentials.username,
        action: 'approval',
        subject: request.subject,
        outcome: 'refused',
        details: { for: request.action, requester, reason },
      });
      throw new ContractError(code, `approval refused: ${reason}`, { action: request.action, reason });
    };
    if (credentials.username === requester) refuse('self-approval');

    let approver;
    try {
      approver = await this.auth.checkCredentials(credentials.username, credentials.secret, 'approval.signin');
    } catch (error) {
      // The approver's attempt was counted (and the lock decided) before any
      // hashing, exactly as at sign-in: a burst of guesses cannot outrun it.
      if (error instanceof ContractError && error.code === 'TOO_MANY_ATTEMPTS') refuse('too-many-attempts', 'TOO_MANY_ATTEMPTS');
      if (error instanceof ContractError) refuse(error.code === 'ACCOUNT_LOCKED' ? 'approver-locked' : 'bad-credentials');
      throw error;
    }
    if (approver.role !== 'supervisor') refuse('not-a-supervisor');

    this.audit.record({
      actor: approver.username,
      action: 'approval',
      subject: request.subject,
      outcome: 'ok',
      details: { for: request.action, requester },
    });
    return approver.username;
  }
}

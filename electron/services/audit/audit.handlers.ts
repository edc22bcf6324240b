import type { Handlers } from '../router/handlers';
import type { AuditLog } from './audit-log';

export function auditHandlers(audit: AuditLog): Pick<Handlers, 'audit.list'> {
  return { 'audit.list': (query) => audit.list(query) };
}

// Printing the Z report on the receipt printer. The report is read through the same handler the
// screen uses, so who may print it is exactly who may see it (a clerk only their own till, once
// counted); the receipt then waits in the durable print queue like any other.
import { ContractError, type BranchProfile } from '@shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { CounterDevices } from '../devices/counter-devices';
import { jobView } from '../devices/devices.handlers';
import type { Handler, Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import { zReportReceipt, type JournalAnchor } from './z-report-receipt';

export interface ZReportPrintDeps {
  readZReport: Handler<'till.zReport'>;
  devices: CounterDevices;
  branch: () => BranchProfile | null;
  clock: Clock;
  audit: AuditLog;
  /** The journal key's fingerprint and the chain head, read when printing. */
  journal: () => JournalAnchor;
}

export function zReportPrintHandlers(deps: ZReportPrintDeps): Pick<Handlers, 'till.printZReport'> {
  return {
    'till.printZReport': async (input, context) => {
      const user = signedIn(context).session.user.username;
      const report = await deps.readZReport(input, context);
      const receipt = zReportReceipt(report, { branch: deps.branch(), printedBy: user, printedAt: deps.clock.now().toISOString(), journal: deps.journal() });
      const job = await deps.devices.printReceipt(receipt, `z-report:${report.sessionId}`);
      if (!job) throw new ContractError('DEVICE_UNAVAILABLE', 'the print queue did not take the Z report');
      deps.audit.record({ actor: user, action: 'till.zReport.print', subject: report.sessionId, outcome: 'ok', details: { job: job.id } });
      return jobView(job);
    },
  };
}

import { ContractError, type PrintJobView } from '@shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import type { CounterDevices } from './counter-devices';
import type { PrintJob } from './print-job-store';
import { checkSerialPath, listSerialPorts } from './serial-ports';

export interface DevicesHandlerDeps {
  devices: CounterDevices;
  audit: AuditLog;
  clock: Clock;
  /** Put in the diagnostic bundle so support knows which branch and version sent it. */
  about: () => { branch: string | null; version: string };
}

type DevicesMethod =
  | 'devices.list'
  | 'devices.save'
  | 'devices.remove'
  | 'devices.serialPorts'
  | 'devices.checkSerialPath'
  | 'devices.testPrint'
  | 'devices.openDrawer'
  | 'devices.readScale'
  | 'devices.zeroScale'
  | 'devices.tareScale'
  | 'devices.lastBytes'
  | 'devices.diagnosticBundle'
  | 'print.jobs'
  | 'print.reprint';

const OK = { ok: true } as const;

export function devicesHandlers(deps: DevicesHandlerDeps): Pick<Handlers, DevicesMethod> {
  const { devices, audit } = deps;
  const manager = devices.manager;

  /** An id the technician named must exist; without one, the first device of that kind is meant. */
  const known = (id: string | undefined): string | undefined => {
    if (id !== undefined && !devices.configs.list().some((config) => config.id === id)) {
      throw new ContractError('NOT_FOUND', `no device ${id}`, { id });
    }
    return id;
  };

  return {
    'devices.list': () => ({ devices: devices.list() }),
    'devices.save': (config, context) => devices.save(config, signedIn(context).session.user.username),
    'devices.remove': async ({ id }, context) => {
      await devices.remove(id, signedIn(context).session.user.username);
      return OK;
    },
    'devices.serialPorts': async () => ({ ports: await listSerialPorts() }),
    'devices.checkSerialPath': ({ path }) => checkSerialPath(path),
    'devices.testPrint': async ({ id }) => {
      await device(() => manager.testPrint(known(id)));
      return OK;
    },
    'devices.openDrawer': async ({ id }, context) => {
      const technician = signedIn(context).session.user.username;
      // Every opening of a cash drawer is on record, tests included, whether it worked or not.
      try {
        await device(() => manager.openDrawer(known(id)));
      } catch (error) {
        audit.record({ actor: technician, action: 'device.drawer.open', subject: id ?? null, outcome: 'refused', details: { reason: String(error) } });
        throw error;
      }
      audit.record({ actor: technician, action: 'device.drawer.open', subject: id ?? null, outcome: 'ok', details: { test: true } });
      return OK;
    },
    'devices.readScale': async ({ id }) => {
      const scaleId = known(id) ?? firstScale(devices);
      const reading = await device(() => manager.readScale(scaleId));
      return { deviceId: scaleId, status: reading.status, grams: reading.grams, detail: reading.detail ?? '', reason: reading.reason ?? null, at: deps.clock.now().toISOString() };
    },
    'devices.zeroScale': async ({ id }) => {
      await device(() => manager.zeroScale(known(id)));
      return OK;
    },
    'devices.tareScale': async ({ id }) => {
      await device(() => manager.tareScale(known(id)));
      return OK;
    },
    'devices.lastBytes': ({ id }) => {
      known(id);
      try {
        return { entries: manager.lastBytes(id) };
      } catch {
        // Configured but switched off: nothing was exchanged.
        return { entries: [] };
      }
    },
    'devices.diagnosticBundle': async () => {
      const about = deps.about();
      const bundle = await manager.diagnosticBundle();
      const generatedAt = deps.clock.now().toISOString();
      const content = {
        ...about,
        generatedAt,
        devices: bundle.devices,
        // Job summaries only: receipts can name customers, support does not need them.
        printJobs: bundle.printJobs.map(jobView),
        log: bundle.log,
      };
      const stamp = generatedAt.replace(/[:.]/g, '-');
      return { fileName: `devices-${about.branch ?? 'branch'}-${stamp}.json`, json: JSON.stringify(content, null, 2) };
    },
    'print.jobs': async ({ limit }) => ({ jobs: (await manager.printJobs(limit)).map(jobView) }),
    'print.reprint': async ({ jobId }, context) => {
      const user = signedIn(context).session.user.username;
      const job = await manager.reprint(jobId).catch(() => {
        throw new ContractError('NOT_FOUND', `no print job ${jobId}`, { jobId });
      });
      audit.record({ actor: user, action: 'print.reprint', subject: job.reference ?? jobId, outcome: 'ok', details: { original: jobId, reprint: job.id } });
      return jobView(job);
    },
  };
}

function firstScale(devices: CounterDevices): string {
  const scale = devices.configs.list().find((config) => config.kind === 'scale' && config.enabled);
  if (!scale) throw new ContractError('DEVICE_UNAVAILABLE', 'no scale configured');
  return scale.id;
}

/** Hardware failures become one code the window can explain; their words go along for the technician. */
async function device<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof ContractError) throw error;
    throw new ContractError('DEVICE_UNAVAILABLE', error instanceof Error ? error.message : String(error));
  }
}

export const jobView = (job: PrintJob): PrintJobView => ({
  id: job.id,
  deviceId: job.deviceId,
  kind: job.payload.kind,
  status: job.status,
  attempts: job.attempts,
  createdAt: job.createdAt,
  lastError: job.lastError,
  printedAt: job.printedAt,
  reprintOf: job.reprintOf,
  reference: job.reference,
});

import { z } from 'zod';
import { defineMethod } from '../define';
import { Empty, LanguageSchema } from './common';

export const BranchProfile = z.object({
  code: z.string(),
  name: z.string(),
  country: z.string().length(2),
  currency: z.string().length(3),
  language: LanguageSchema,
  demo: z.boolean(),
});
export type BranchProfile = z.infer<typeof BranchProfile>;

export const Refusal = z.object({
  reason: z.enum(['corrupt', 'unreadable', 'newer-schema', 'missing', 'read-only', 'disk-full']),
  detail: z.string(),
  file: z.string(),
});

export const DeviceStatus = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string(),
  /** `missing`: a cash operation needed this kind of device and none is configured (its receipt waits, the drawer stayed shut). */
  state: z.enum(['online', 'offline', 'error', 'disabled', 'missing']),
});

export const HeadOfficeLink = z.object({
  mode: z.enum(['none', 'demo', 'configured']),
  state: z.enum(['not-configured', 'online', 'offline']),
  unsynced: z.number().int().nonnegative(),
  /**
   * Tracking events recorded here and not yet acknowledged by head office. Kept apart from
   * `unsynced` (ledger transfers): that figure is the money head office does not hold yet,
   * localSeq − ackedSeq, which day close and the technician's cursors are read against.
   */
  trackingUnsynced: z.number().int().nonnegative().optional(),
  /** Register records (customers…) written here and not yet acknowledged; beside `unsynced` too. */
  registerUnsynced: z.number().int().nonnegative().optional(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

/** The disk's side of the counter: where the log goes and how the last backup went. */
export const StorageStatus = z.object({
  log: z.enum(['file', 'stderr']),
  logError: z.string().nullable(),
  lastBackupAt: z.string().nullable(),
  backupError: z.string().nullable(),
});

export const CounterStatus = z.object({
  state: z.enum(['ready', 'refused']),
  refusal: Refusal.nullable(),
  branch: BranchProfile.nullable(),
  headOffice: HeadOfficeLink,
  devices: z.array(DeviceStatus),
  tillsOpen: z.number().int().nonnegative(),
  /** Absent from hosts older than the storage checks. */
  storage: StorageStatus.optional(),
  idleLockSeconds: z.number().int().positive(),
  version: z.string(),
});
export type CounterStatus = z.infer<typeof CounterStatus>;

export const Diagnostics = z.object({
  dataDir: z.string(),
  databaseFile: z.string(),
  databaseBytes: z.number().int().nonnegative(),
  schemaMigrations: z.array(z.string()),
  quickCheckAt: z.string(),
  logDir: z.string(),
  nodeVersion: z.string(),
});
export type Diagnostics = z.infer<typeof Diagnostics>;

export const systemMethods = {
  /** What a technician needs on the phone with support: files, schema, when the database was last checked. */
  'system.diagnostics': defineMethod({ input: Empty, output: Diagnostics, access: ['technician', 'supervisor'] }),
  'system.status': defineMethod({
    input: Empty,
    output: CounterStatus,
    access: 'public',
    allowWhenRefused: true,
    allowWhileLocked: true,
  }),
};

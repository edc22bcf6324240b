import type { PrintJobStatus } from './print-job-store';

/** Row shapes of the peripherals' tables (migration 0006). */

/** A device as the technician saved it: the DeviceConfig as JSON, validated before it is written. */
export interface DeviceConfigTable {
  id: string;
  kind: string;
  config: string;
  updated_by: string;
  updated_at: string;
}

/** The print queue: a job written with the operation that prints it survives a restart. */
export interface PrintJobTable {
  id: string;
  device_id: string;
  /** The PrintPayload as JSON. */
  payload: string;
  status: PrintJobStatus;
  attempts: number;
  created_at: string;
  next_attempt_at: string;
  last_error: string;
  printed_at: string | null;
  reprint_of: string | null;
  /** What the job belongs to (operation id, S10 number, `<s10>/CN`). */
  reference: string | null;
}

export interface DeviceTables {
  device_configs: DeviceConfigTable;
  print_jobs: PrintJobTable;
}
